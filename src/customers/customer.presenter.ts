import type { ContactPointViewDto, CustomerDto } from '@common/dto/customer.dto';
import type { Actor } from '../platform/security';
import { type ContactPointInput, maskContactPoint } from './contact-point';
import type { CustomerView } from './customer.service';

/**
 * Agents see contact points masked; seeing one whole is a deliberate, audited
 * act (revealing it on a ticket). The platform's own back-end, calling with
 * an API token, owns these values and gets them as they are.
 */
export function contactPointsFor(actor: Actor, points: readonly ContactPointInput[]): ContactPointViewDto[] {
  const whole = actor.kind === 'api_token';
  return points.map((point) => ({ kind: point.kind, value: whole ? point.value : maskContactPoint(point), masked: !whole }));
}

export function presentCustomer(view: CustomerView, actor: Actor): CustomerDto {
  return {
    id: view.id,
    platformUserId: view.platformUserId,
    name: view.name,
    tier: view.tier,
    contactPoints: contactPointsFor(actor, view.contactPoints),
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
  };
}
