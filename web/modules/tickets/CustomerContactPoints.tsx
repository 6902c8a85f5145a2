import type { ContactPointViewDto } from '@common/dto/customer.dto';
import type { TicketDto } from '@common/dto/ticket.dto';
import { EyeOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorNotice } from '../../ui/use-error-notice';
import { useCustomer, useRevealContactPoints } from './ticket-queries';

/**
 * The ticket customer's contact points, masked as the server sends them to
 * agents. Seeing them whole asks for a reason, which the server writes into
 * the ticket's audit chain; the whole values live only in this component.
 */
export function CustomerContactPoints({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const notifyError = useErrorNotice();
  const customer = useCustomer(ticket.customer.id);
  const reveal = useRevealContactPoints(ticket.number);
  const [revealed, setRevealed] = useState<ContactPointViewDto[] | null>(null);
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();

  const points = revealed ?? customer.data?.contactPoints ?? [];
  if (customer.isPending) return <Typography.Text type="secondary">…</Typography.Text>;
  if (points.length === 0) return <Typography.Text type="secondary">{t('contactPoints.none')}</Typography.Text>;

  const submit = ({ reason }: { reason: string }) =>
    reveal.mutate(reason.trim(), {
      onSuccess: (result) => {
        setRevealed(result.contactPoints);
        setAsking(false);
        form.resetFields();
      },
      onError: notifyError,
    });

  return (
    <Flex vertical gap={4} align="flex-start">
      {points.map((point) => (
        <Typography.Text key={`${point.kind}:${point.value}`} copyable={!point.masked} data-testid="contact-point">
          <Typography.Text type="secondary">{t(`contactPoints.kind.${point.kind}`)} </Typography.Text>
          {point.value}
        </Typography.Text>
      ))}
      {!revealed && points.some((point) => point.masked) && (
        <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
          {t('contactPoints.reveal')}
        </Button>
      )}
      <Modal
        open={asking}
        title={t('contactPoints.revealTitle')}
        okText={t('contactPoints.revealConfirm')}
        confirmLoading={reveal.isPending}
        onOk={() => form.submit()}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('contactPoints.revealNotice')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t('contactPoints.reason')}
            rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('contactPoints.reasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={200} placeholder={t('contactPoints.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </Flex>
  );
}
