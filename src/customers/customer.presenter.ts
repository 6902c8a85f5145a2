import type { CustomerDto } from '@common/dto/customer.dto';
import type { CustomerView } from './customer.service';

export function presentCustomer(view: CustomerView): CustomerDto {
  return {
    id: view.id,
    platformUserId: view.platformUserId,
    name: view.name,
    tier: view.tier,
    contactPoints: view.contactPoints,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
  };
}
