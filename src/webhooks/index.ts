export { DELIVERY_TIMEOUT_MS, deliverWebhookJob } from './deliver-webhook.job';
export { type HttpOutcome, postSigned } from './webhook-http';
export { signPayload, type SignatureCheck, verifySignature } from './webhook-signature';
export { webhookRoutes } from './webhook.routes';
export {
  callEndpoint,
  createEndpoint,
  endpointFor,
  enqueueDelivery,
  isPlatformEndpointConfigured,
  listDeliveries,
  listEndpoints,
  updateEndpoint,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
} from './webhook.service';
export { webhookAttempt, webhookDelivery, webhookEndpoint } from './webhook.table';
