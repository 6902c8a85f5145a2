import type { ProblemTypeDto } from '@common/dto/classification.dto';
import type { TicketDto } from '@common/dto/ticket.dto';
import { App, Button, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n';
import { useErrorNotice } from '../../ui/use-error-notice';
import { problemTypeName, useSetProblemType } from './problem-type-queries';

/** Select + confirm: starts on the classifier's guess, so confirming a right guess is one click. */
export function TriageAction({ ticket, types }: { ticket: TicketDto; types: readonly ProblemTypeDto[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotice();
  const setProblemType = useSetProblemType();
  const active = types.filter((type) => type.active);
  const guess = active.some((type) => type.code === ticket.problemType) ? (ticket.problemType ?? undefined) : undefined;
  const [chosen, setChosen] = useState<string | undefined>(guess);
  const locale = currentLocale();

  const confirm = () => {
    if (!chosen) return;
    // mutateAsync, not mutate's callbacks: the row (and this component) is gone from the queue before they would run.
    setProblemType.mutateAsync({ number: ticket.number, problemType: chosen }).then(() => {
      const type = types.find((candidate) => candidate.code === chosen);
      void message.success(t('triage.done', { number: ticket.number, type: type ? problemTypeName(type, locale) : chosen }));
    }, notifyError);
  };

  return (
    <Space.Compact onClick={(event) => event.stopPropagation()}>
      <Select<string>
        aria-label={t('triage.selectType')}
        placeholder={t('triage.selectType')}
        style={{ width: 220 }}
        popupMatchSelectWidth={false}
        showSearch={{ optionFilterProp: 'label' }}
        value={chosen}
        onChange={setChosen}
        options={active.map((type) => ({ value: type.code, label: problemTypeName(type, locale) }))}
      />
      <Button type="primary" disabled={!chosen} loading={setProblemType.isPending} onClick={confirm}>
        {t('triage.confirm')}
      </Button>
    </Space.Compact>
  );
}
