export { type SeedResult, seedDemoWorkspace } from './demo-workspace';
