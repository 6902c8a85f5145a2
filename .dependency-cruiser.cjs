/**
 * Import boundaries (docs/ARCHITECTURE.md):
 *  - a module imports another module only through its index.ts;
 *  - table files may reference another module's table file (foreign keys), nothing else of it;
 *  - platform/ imports no module; common/ imports neither src/ nor Node-only code;
 *  - nothing but the composition root imports src/server/.
 */
module.exports = {
  forbidden: [
    {
      name: 'module-through-index',
      comment: 'Import another module only through its index.ts',
      severity: 'error',
      from: { path: '^src/([^/]+)/', pathNot: ['^src/platform/', '^src/server/', '^src/[^/]+/[^/]+\\.table\\.ts$'] },
      to: { path: '^src/([^/]+)/.+', pathNot: ['^src/$1/', '^src/platform/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'tables-reference-tables',
      comment: 'A table file may import only other table files across modules',
      severity: 'error',
      from: { path: '^src/([^/]+)/[^/]+\\.table\\.ts$' },
      to: { path: '^src/([^/]+)/', pathNot: ['^src/$1/', '^src/platform/', '^src/[^/]+/[^/]+\\.table\\.ts$'] },
    },
    {
      name: 'server-through-index',
      comment: 'The composition root uses modules only through their index.ts',
      severity: 'error',
      from: { path: '^src/server/' },
      to: { path: '^src/(?!server/|platform/)([^/]+)/.+', pathNot: '^src/[^/]+/index\\.ts$' },
    },
    {
      name: 'platform-imports-no-module',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/platform/' },
    },
    {
      name: 'nobody-imports-server',
      severity: 'error',
      from: { path: '^(src|common)/', pathNot: '^src/server/' },
      to: { path: '^src/server/' },
    },
    {
      name: 'common-is-isomorphic',
      severity: 'error',
      from: { path: '^common/' },
      to: { path: '^(src|web|widget)/|^node:|^(fs|path|crypto|os)$' },
    },
    {
      name: 'web-uses-common-only',
      severity: 'error',
      from: { path: '^(web|widget)/' },
      to: { path: '^src/' },
    },
    { name: 'no-circular', severity: 'error', from: { path: '^(src|common)/' }, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.test\\.ts$' },
  },
};
