import { recommendedChannels, slaClasses } from '@common/classification/problem-types';
import type { ProblemTypeDto } from '@common/dto/classification.dto';
import { ticketPriorities } from '@common/tickets/ticket-fields';
import { Alert, App, Form, Input, Modal, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n';
import { errorText } from '../../ui/error-text';
import { useGroups } from '../tickets/ticket-queries';
import { type ProblemTypeChanges, problemTypeName, useUpdateProblemType } from './problem-type-queries';

type FormValues = Required<ProblemTypeChanges>;

const editable = ['nameZh', 'nameEn', 'recommendedChannel', 'defaultGroupId', 'priority', 'slaClass', 'active'] as const;

/** Only the fields the admin changed go into the PATCH, so two admins editing different fields do not undo each other. */
function changedFields(type: ProblemTypeDto, values: FormValues): ProblemTypeChanges {
  const changes: Record<string, unknown> = {};
  for (const field of editable) {
    const value = typeof values[field] === 'string' ? (values[field] as string).trim() : values[field];
    if (value !== type[field]) changes[field] = value;
  }
  return changes as ProblemTypeChanges;
}

/** The edit dialog for one problem type; a refusal shows the server's own message in the agent's language. */
export function ProblemTypeEditor({ type, onClose }: { type: ProblemTypeDto; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const groups = useGroups();
  const update = useUpdateProblemType();
  const [failure, setFailure] = useState<unknown>(null);

  const save = async () => {
    const values = await form.validateFields();
    const changes = changedFields(type, values);
    if (Object.keys(changes).length === 0) {
      void message.info(t('problemTypes.noChanges'));
      onClose();
      return;
    }
    setFailure(null);
    update.mutate(
      { code: type.code, changes },
      {
        onSuccess: (updated) => {
          void message.success(t('problemTypes.saved', { name: problemTypeName(updated, currentLocale()) }));
          onClose();
        },
        onError: setFailure,
      },
    );
  };

  return (
    <Modal
      open
      title={t('problemTypes.editTitle', { code: type.code })}
      okText={t('problemTypes.save')}
      cancelText={t('problemTypes.cancel')}
      confirmLoading={update.isPending}
      onOk={() => void save().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      {failure !== null && (
        <Alert type="error" showIcon role="alert" title={errorText(failure, currentLocale(), t)} style={{ marginBottom: 16 }} />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{
          nameZh: type.nameZh,
          nameEn: type.nameEn,
          recommendedChannel: type.recommendedChannel,
          defaultGroupId: type.defaultGroupId,
          priority: type.priority,
          slaClass: type.slaClass,
          active: type.active,
        }}
      >
        <Form.Item
          name="nameZh"
          label={t('problemTypes.nameZh')}
          rules={[{ required: true, whitespace: true, message: t('problemTypes.nameRequired') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('problemTypes.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('problemTypes.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="recommendedChannel" label={t('problemTypes.recommendedChannel')}>
          <Select options={recommendedChannels.map((channel) => ({ value: channel, label: t(`channel.${channel}`) }))} />
        </Form.Item>
        <Form.Item name="defaultGroupId" label={t('problemTypes.defaultGroup')}>
          <Select
            loading={groups.isPending}
            options={[
              { value: null, label: t('problemTypes.anyGroup') },
              ...(groups.data ?? []).map((group) => ({ value: group.id, label: group.name })),
            ]}
          />
        </Form.Item>
        <Form.Item name="priority" label={t('problemTypes.priority')}>
          <Select options={ticketPriorities.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))} />
        </Form.Item>
        <Form.Item name="slaClass" label={t('problemTypes.slaClass')}>
          <Select options={slaClasses.map((slaClass) => ({ value: slaClass, label: t(`slaClass.${slaClass}`) }))} />
        </Form.Item>
        <Form.Item name="active" label={t('problemTypes.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
