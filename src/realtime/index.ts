export { isVisibleTo } from './live-feed';
export { liveFeedRoutes } from './live-feed.routes';
