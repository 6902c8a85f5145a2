import type { FreezeRequestDto, IdentityCheckDto, TicketSafetyDto } from '@common/dto/emergency.dto';
import type { TicketDto } from '@common/dto/ticket.dto';
import { LockOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n';
import { DateTime } from '../../ui/DateTime';
import { errorText } from '../../ui/error-text';
import { PageSpinner } from '../../ui/PageSpinner';
import { type FreezeView, freezeView, type IdentityDigits, useIdentityCheck, useRequestFreeze, useTicketSafety } from './safety-queries';

const identityColor = { pass: 'success', fail: 'error', error: 'warning', pending: 'processing', none: 'default' } as const;
const freezeColor: Record<FreezeView, string> = {
  sent: 'processing',
  frozen: 'success',
  accepted: 'blue',
  rejected: 'error',
  failed: 'error',
};

/** Whether the panel belongs at the top of the ticket rather than in the side column. */
export function isSafetyCase(ticket: TicketDto): boolean {
  return ticket.problemType === 'suspected_theft' || ticket.fraudFlagged;
}

function IdentityState({ safety }: { safety: TicketSafetyDto }) {
  const { t } = useTranslation();
  const { identity } = safety;
  const result = identity.lastResult ?? 'none';
  const last = identity.checks.find((check) => check.result !== 'pending');
  const attemptsLeft = Math.max(0, identity.maxPerHour - identity.attemptsLastHour);
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        {
          key: 'result',
          label: t('safety.identity.state'),
          children: (
            <Tag color={identityColor[result]} data-testid="identity-state">
              {t(`safety.identity.result.${result}`)}
            </Tag>
          ),
        },
        ...(last
          ? [{ key: 'when', label: t('safety.identity.when'), children: <DateTime value={last.completedAt ?? last.createdAt} /> }]
          : []),
        {
          key: 'left',
          label: t('safety.identity.attemptsLeft'),
          children: t('safety.identity.attemptsLeftValue', { left: attemptsLeft, max: identity.maxPerHour }),
        },
      ]}
    />
  );
}

/** Last 4 of ID and mobile as the customer tells them on the phone: password inputs, cleared at submit, never in React state. */
function IdentityCheckForm({ number, disabled }: { number: string; disabled: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<IdentityDigits>();
  const check = useIdentityCheck(number);
  const [outcome, setOutcome] = useState<{ kind: 'result'; result: IdentityCheckDto['result'] } | { kind: 'error'; text: string } | null>(
    null,
  );

  const submit = (values: IdentityDigits) => {
    form.resetFields();
    setOutcome(null);
    check.mutate(
      { idLast4: values.idLast4.toUpperCase(), mobileLast4: values.mobileLast4 },
      {
        onSuccess: (attempt) => setOutcome({ kind: 'result', result: attempt.result }),
        onError: (error) => setOutcome({ kind: 'error', text: errorText(error, currentLocale(), t) }),
        // The mutation would otherwise keep the digits as its variables.
        onSettled: () => check.reset(),
      },
    );
  };

  return (
    <Form form={form} layout="vertical" onFinish={submit} disabled={disabled} autoComplete="off" requiredMark={false}>
      <Flex gap={12} wrap align="flex-start">
        <Form.Item
          name="idLast4"
          label={t('safety.identity.idLast4')}
          rules={[{ required: true, pattern: /^[0-9]{3}[0-9Xx]$/, message: t('safety.identity.idLast4Rule') }]}
          style={{ flex: '1 1 140px', marginBottom: 12 }}
        >
          <Input.Password maxLength={4} autoComplete="off" visibilityToggle={false} />
        </Form.Item>
        <Form.Item
          name="mobileLast4"
          label={t('safety.identity.mobileLast4')}
          rules={[{ required: true, pattern: /^[0-9]{4}$/, message: t('safety.identity.mobileLast4Rule') }]}
          style={{ flex: '1 1 140px', marginBottom: 12 }}
        >
          <Input.Password maxLength={4} autoComplete="off" inputMode="numeric" visibilityToggle={false} />
        </Form.Item>
      </Flex>
      <Flex gap={12} align="center" wrap>
        <Button htmlType="submit" icon={<SafetyCertificateOutlined />} loading={check.isPending}>
          {t('safety.identity.run')}
        </Button>
        {outcome?.kind === 'result' && (
          <Typography.Text type={outcome.result === 'pass' ? 'success' : 'danger'} data-testid="identity-outcome">
            {t(`safety.identity.outcome.${outcome.result}`)}
          </Typography.Text>
        )}
      </Flex>
      {outcome?.kind === 'error' && <Alert type="error" showIcon style={{ marginTop: 12 }} title={outcome.text} />}
    </Form>
  );
}

function FreezeState({ request }: { request: FreezeRequestDto }) {
  const { t } = useTranslation();
  const view = freezeView(request);
  const platformWords = request.outcome && !['frozen', 'accepted', 'rejected'].includes(request.outcome) ? request.outcome : null;
  return (
    <Descriptions
      column={1}
      size="small"
      items={[
        {
          key: 'state',
          label: t('safety.freeze.state'),
          children: (
            <Tag color={freezeColor[view]} data-testid="freeze-state">
              {t(`safety.freeze.view.${view}`)}
            </Tag>
          ),
        },
        {
          key: 'reference',
          label: t('safety.freeze.reference'),
          children: request.platformReference ? (
            <Typography.Text copyable data-testid="freeze-reference" style={{ fontFamily: 'ui-monospace, monospace' }}>
              {request.platformReference}
            </Typography.Text>
          ) : (
            '—'
          ),
        },
        ...(platformWords ? [{ key: 'words', label: t('safety.freeze.platformSaid'), children: platformWords }] : []),
        {
          key: 'by',
          label: t('safety.freeze.requestedBy'),
          children: t(`safety.freeze.by.${request.requestedBy}`),
        },
        { key: 'at', label: t('safety.freeze.requestedAt'), children: <DateTime value={request.createdAt} /> },
        { key: 'updated', label: t('safety.freeze.updatedAt'), children: <DateTime value={request.updatedAt} /> },
      ]}
    />
  );
}

function FreezeButton({ number, disabled }: { number: string; disabled: boolean }) {
  const { t } = useTranslation();
  const freeze = useRequestFreeze(number);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  const confirm = () => {
    setFailure(null);
    freeze.mutate(reason.trim() || undefined, {
      onSuccess: () => {
        setOpen(false);
        setReason('');
      },
      onError: (error) => setFailure(errorText(error, currentLocale(), t)),
    });
  };

  return (
    <>
      <Button type="primary" danger size="large" icon={<LockOutlined />} disabled={disabled} onClick={() => setOpen(true)}>
        {t('safety.freeze.button')}
      </Button>
      <Modal
        open={open}
        title={t('safety.freeze.confirmTitle')}
        okText={t('safety.freeze.confirmOk')}
        cancelText={t('safety.freeze.cancel')}
        okButtonProps={{ danger: true, loading: freeze.isPending }}
        onOk={confirm}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Flex vertical gap={12}>
          <Typography.Paragraph style={{ margin: 0 }}>{t('safety.freeze.confirmText')}</Typography.Paragraph>
          <Input.TextArea
            aria-label={t('safety.freeze.reason')}
            placeholder={t('safety.freeze.reasonPlaceholder')}
            maxLength={500}
            autoSize={{ minRows: 2, maxRows: 6 }}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          {failure && <Alert type="error" showIcon title={failure} />}
        </Flex>
      </Modal>
    </>
  );
}

/** 安全处置: the identity check run on the phone and the one-click emergency freeze of the customer's platform account. */
export function SafetyPanel({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const safety = useTicketSafety(ticket.number);
  const prominent = isSafetyCase(ticket);
  const finished = ticket.status === 'closed' || ticket.status === 'merged';

  let body: ReactNode;
  if (safety.isPending) body = <PageSpinner />;
  else if (safety.error) body = <Typography.Text type="danger">{errorText(safety.error, currentLocale(), t)}</Typography.Text>;
  else {
    const data = safety.data;
    const latest = data.freezeRequests[0];
    const open = latest && (latest.state === 'requested' || latest.state === 'sent' || latest.state === 'confirmed');
    body = (
      <Flex gap={24} wrap>
        <Flex vertical gap={8} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('safety.identity.title')}
          </Typography.Title>
          <IdentityState safety={data} />
          <IdentityCheckForm number={ticket.number} disabled={finished} />
        </Flex>
        <Flex vertical gap={8} style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('safety.freeze.title')}
          </Typography.Title>
          {!data.freezeAvailable ? (
            <Typography.Text type="secondary">{t('safety.freeze.notApplicable')}</Typography.Text>
          ) : (
            <>
              {data.identity.lastResult !== 'pass' && !latest && (
                <Alert type="warning" showIcon title={t('safety.freeze.notVerifiedHint')} />
              )}
              {latest && <FreezeState request={latest} />}
              {!open && <FreezeButton number={ticket.number} disabled={finished} />}
            </>
          )}
        </Flex>
      </Flex>
    );
  }

  return (
    <Card
      data-testid="safety-panel"
      title={
        <Flex align="center" gap={8}>
          <SafetyCertificateOutlined />
          <span>{t('safety.title')}</span>
          {ticket.problemType === 'suspected_theft' && <Tag color="red">{t('safety.suspectedTheft')}</Tag>}
          {ticket.fraudFlagged && <Tag color="volcano">{t('safety.fraudFlagged')}</Tag>}
        </Flex>
      }
      style={prominent ? { borderColor: '#ff7875' } : undefined}
      styles={prominent ? { header: { background: '#fff1f0' } } : undefined}
    >
      {body}
    </Card>
  );
}
