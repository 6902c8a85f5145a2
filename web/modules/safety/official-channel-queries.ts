import type { ChannelCheckDto, OfficialChannelDto } from '@common/dto/safety.dto';
import type { OfficialChannelKind } from '@common/safety/official-channels';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../app/api-client';

export const officialChannelKeys = { all: ['official-channels'] as const };

export function useOfficialChannels() {
  return useQuery({
    queryKey: officialChannelKeys.all,
    queryFn: ({ signal }) => apiRequest<OfficialChannelDto[]>('/official-channels', { signal }),
  });
}

export interface NewOfficialChannel {
  kind: OfficialChannelKind;
  value: string;
  label: string;
}

export function useRegisterOfficialChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channel: NewOfficialChannel) => apiRequest<OfficialChannelDto>('/official-channels', { method: 'POST', body: channel }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: officialChannelKeys.all }),
  });
}

export function useRemoveOfficialChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/official-channels/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: officialChannelKeys.all }),
  });
}

/** The public check customers use; a mutation, not a cached query, since each check is a separate question (and rate limited). */
export function useCheckChannel() {
  return useMutation({
    mutationFn: (input: { value: string; kind?: OfficialChannelKind | undefined }) =>
      apiRequest<ChannelCheckDto>('/official-channels/check', { query: { value: input.value, kind: input.kind } }),
  });
}
