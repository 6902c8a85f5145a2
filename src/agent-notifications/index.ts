export { agentNotificationRoutes } from './agent-notification.routes';
export { agentNotificationSubscriber } from './agent-notification.subscriber';
export { agentNotification } from './agent-notification.table';
