import { ticketPriorities } from '@common/tickets/ticket-fields';
import { ticketStatuses } from '@common/tickets/ticket-status';
import { ClearOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyFilters, type TicketFilters } from './ticket-filters';
import { useGroups } from './ticket-queries';

interface Props {
  filters: TicketFilters;
  onChange: (filters: TicketFilters) => void;
}

export function TicketFiltersBar({ filters, onChange }: Props) {
  const { t } = useTranslation();
  const groups = useGroups();
  const [query, setQuery] = useState(filters.q ?? '');
  useEffect(() => setQuery(filters.q ?? ''), [filters.q]);
  const update = (changes: Partial<TicketFilters>) => onChange({ ...filters, ...changes });

  return (
    <Flex vertical gap={12}>
      <Input.Search
        aria-label={t('filters.search')}
        placeholder={t('filters.search')}
        allowClear
        enterButton
        size="large"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onSearch={(value) => update({ q: value.trim() || undefined })}
      />
      <Flex wrap gap={8} align="center">
        <Select
          mode="multiple"
          aria-label={t('filters.status')}
          placeholder={t('filters.status')}
          allowClear
          maxTagCount="responsive"
          style={{ minWidth: 220, flex: '1 1 220px', maxWidth: 360 }}
          value={filters.status}
          onChange={(status) => update({ status })}
          options={ticketStatuses.map((status) => ({ value: status, label: t(`status.${status}`) }))}
        />
        <Select
          aria-label={t('filters.group')}
          placeholder={t('filters.group')}
          allowClear
          loading={groups.isPending}
          style={{ width: 170 }}
          value={filters.group}
          onChange={(group: string | undefined) => update({ group })}
          options={(groups.data ?? []).map((group) => ({ value: group.id, label: group.name }))}
        />
        <Select
          aria-label={t('filters.assignee')}
          placeholder={t('filters.assignee')}
          allowClear
          style={{ width: 150 }}
          value={filters.assignee}
          onChange={(assignee: TicketFilters['assignee']) => update({ assignee })}
          options={[
            { value: 'me', label: t('filters.assigneeMe') },
            { value: 'none', label: t('filters.assigneeNone') },
          ]}
        />
        <Select
          aria-label={t('filters.priority')}
          placeholder={t('filters.priority')}
          allowClear
          style={{ width: 140 }}
          value={filters.priority}
          onChange={(priority: TicketFilters['priority']) => update({ priority })}
          options={ticketPriorities.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))}
        />
        <Checkbox checked={filters.formalComplaint} onChange={(event) => update({ formalComplaint: event.target.checked })}>
          {t('filters.formalComplaint')}
        </Checkbox>
        <Button type="text" icon={<ClearOutlined />} onClick={() => onChange(emptyFilters)}>
          {t('filters.reset')}
        </Button>
      </Flex>
    </Flex>
  );
}
