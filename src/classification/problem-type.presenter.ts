import type { ProblemTypeDto } from '@common/dto/classification.dto';
import type { ProblemTypeRow } from './problem-type.service';

export function presentProblemType(row: ProblemTypeRow): ProblemTypeDto {
  const { id: _id, updatedAt, ...fields } = row;
  return { ...fields, updatedAt: updatedAt.toISOString() };
}
