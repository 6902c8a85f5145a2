import { type OfficialChannelKind, officialChannelKinds } from '@common/safety/official-channels';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n';
import { errorText } from '../../ui/error-text';
import { type NewOfficialChannel, useRegisterOfficialChannel } from './official-channel-queries';

/** Admin form for one more official channel; the server normalises the value and refuses duplicates. */
export function RegisterChannelForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewOfficialChannel>();
  const register = useRegisterOfficialChannel();
  const [failure, setFailure] = useState<unknown>(null);

  const submit = (values: NewOfficialChannel) => {
    setFailure(null);
    register.mutate(
      { kind: values.kind, value: values.value.trim(), label: values.label.trim() },
      {
        onSuccess: (created) => {
          void message.success(t('officialChannels.added', { value: created.value }));
          form.resetFields(['value', 'label']);
        },
        onError: setFailure,
      },
    );
  };

  return (
    <Flex vertical gap={12}>
      {failure !== null && <Alert type="error" showIcon role="alert" title={errorText(failure, currentLocale(), t)} />}
      <Form<NewOfficialChannel>
        form={form}
        layout="inline"
        requiredMark={false}
        onFinish={submit}
        initialValues={{ kind: 'phone' satisfies OfficialChannelKind }}
        style={{ rowGap: 12 }}
      >
        <Form.Item name="kind" label={t('officialChannels.kind')}>
          <Select
            style={{ width: 130 }}
            options={officialChannelKinds.map((kind) => ({ value: kind, label: t(`officialChannels.kinds.${kind}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="value"
          label={t('officialChannels.value')}
          rules={[{ required: true, whitespace: true, message: t('officialChannels.valueRequired') }]}
        >
          <Input style={{ width: 240 }} maxLength={200} placeholder={t('officialChannels.valuePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="label"
          label={t('officialChannels.label')}
          rules={[{ required: true, whitespace: true, message: t('officialChannels.labelRequired') }]}
        >
          <Input style={{ width: 180 }} maxLength={100} placeholder={t('officialChannels.labelPlaceholder')} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={register.isPending}>
            {t('officialChannels.add')}
          </Button>
        </Form.Item>
      </Form>
    </Flex>
  );
}
