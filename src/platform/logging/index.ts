export { createLogger, type Logger, redactUrl } from './logger';
