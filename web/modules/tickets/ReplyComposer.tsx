import type { TicketDto } from '@common/dto/ticket.dto';
import { type TicketStatus, ticketStatusTable } from '@common/tickets/ticket-status';
import { LockOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Input, Select, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorNotice } from '../../ui/use-error-notice';
import { type NewArticle, useAddArticle } from './ticket-queries';

type ComposerKind = NewArticle['kind'];

/** Reply to the customer or leave an internal note, optionally moving the ticket on in the same step. */
export function ReplyComposer({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useErrorNotice();
  const addArticle = useAddArticle(ticket.number);
  const [kind, setKind] = useState<ComposerKind>('outbound');
  const [drafts, setDrafts] = useState<Record<ComposerKind, string>>({ outbound: '', note: '' });
  const [statusAfter, setStatusAfter] = useState<TicketStatus | undefined>();
  const allowedStatuses = ticketStatusTable[ticket.status].agentMayMoveTo;

  if (ticket.status === 'closed' || ticket.status === 'merged') {
    return <Alert type="info" showIcon title={t('composer.locked')} />;
  }

  const draft = drafts[kind];
  const submit = () => {
    const bodyText = draft.trim();
    if (!bodyText) {
      void message.warning(t('composer.bodyRequired'));
      return;
    }
    addArticle.mutate(
      { kind, bodyText, ...(statusAfter ? { statusAfter } : {}) },
      {
        onSuccess: () => {
          setDrafts((current) => ({ ...current, [kind]: '' }));
          setStatusAfter(undefined);
          void message.success(kind === 'outbound' ? t('composer.replySent') : t('composer.noteAdded'));
        },
        onError: notifyError,
      },
    );
  };

  const isNote = kind === 'note';
  return (
    <div>
      <Tabs
        activeKey={kind}
        onChange={(key) => setKind(key === 'note' ? 'note' : 'outbound')}
        items={[
          { key: 'outbound', label: t('composer.reply'), icon: <SendOutlined /> },
          { key: 'note', label: t('composer.note'), icon: <LockOutlined /> },
        ]}
      />
      <Input.TextArea
        aria-label={isNote ? t('composer.note') : t('composer.reply')}
        placeholder={isNote ? t('composer.notePlaceholder') : t('composer.replyPlaceholder', { channel: t(`channel.${ticket.channel}`) })}
        autoSize={{ minRows: 4, maxRows: 14 }}
        value={draft}
        onChange={(event) => setDrafts((current) => ({ ...current, [kind]: event.target.value }))}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
        }}
        style={isNote ? { background: '#fffbe6', borderColor: '#f0c94a' } : undefined}
      />
      <Flex justify="flex-end" align="center" gap={8} wrap style={{ marginTop: 12 }}>
        <Select<TicketStatus>
          aria-label={t('composer.statusAfter')}
          placeholder={t('composer.keepStatus')}
          allowClear
          style={{ minWidth: 240 }}
          value={statusAfter}
          onChange={setStatusAfter}
          options={allowedStatuses.map((status) => ({
            value: status,
            label: t('composer.statusAfterOption', { status: t(`status.${status}`) }),
          }))}
        />
        <Button
          color={isNote ? 'gold' : 'primary'}
          variant="solid"
          icon={isNote ? <LockOutlined /> : <SendOutlined />}
          loading={addArticle.isPending}
          onClick={submit}
        >
          {isNote ? t('composer.addNote') : t('composer.sendReply')}
        </Button>
      </Flex>
    </div>
  );
}
