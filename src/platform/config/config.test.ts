import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('configuration', () => {
  it('defaults to the embedded database in ./data', () => {
    const config = loadConfig({}, '/srv/huiying');
    expect(config).toMatchObject({ port: 3000, dataDir: '/srv/huiying/data', databaseUrl: undefined, attachmentStore: 'filesystem' });
    expect(config.workspaceTimeZone).toBe('Asia/Shanghai');
  });

  it('keeps attachments in PostgreSQL when DATABASE_URL is set, so every node sees them', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://app@db:5432/huiying' }).attachmentStore).toBe('database');
  });

  it('names every bad variable in one startup error', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'localhost',
        WORKSPACE_TIMEZONE: 'Mars/Olympus',
        SEED_DEMO: 'maybe',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'WORKSPACE_TIMEZONE', 'SEED_DEMO']) expect(problems).toContain(name);
  });

  it('refuses a short admin password', () => {
    expect(() => loadConfig({ ADMIN_PASSWORD: 'short' })).toThrow(/ADMIN_PASSWORD/);
  });
});
