export { type ContactPointInput, maskContactPoint, normalizeContactPoint } from './contact-point';
export { customerRoutes } from './customer.routes';
export { presentCustomer } from './customer.presenter';
export {
  createCustomer,
  type CustomerDraft,
  type CustomerView,
  customerNames,
  findOrCreateCustomer,
  isCustomerIdentityTaken,
  matchCustomer,
  newCustomerRows,
  getCustomer,
  listCustomers,
  updateCustomer,
} from './customer.service';
export { contactPoint, customer } from './customer.table';
