import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Result, Space, Typography } from 'antd';
import { useParams } from 'react-router';
import type { FreezeRequestDto, IdentityCheckDto, SelfServiceFreezeDto } from '@common/dto/emergency.dto';
import { apiRequest, isApiError } from '../app/api-client';

/**
 * The customer's emergency-freeze page, reached by the signed link in their
 * ticket; no sign-in. The customer's language is not known, so every text is
 * Chinese first with English under it, like Huiying's other customer notices.
 */
function Bilingual({ zh, en }: { zh: string; en: string }) {
  return (
    <>
      <div>{zh}</div>
      <Typography.Text type="secondary">{en}</Typography.Text>
    </>
  );
}

function errorText(error: unknown): { zh: string; en: string } {
  if (isApiError(error) && error.messages) return { zh: error.messages['zh-CN'], en: error.messages.en };
  return { zh: '网络异常，请稍后重试。', en: 'Network problem; try again shortly.' };
}

export function SelfServiceFreezePage() {
  const { token = '' } = useParams();
  const base = `/self-service/freeze/${encodeURIComponent(token)}`;
  const queries = useQueryClient();
  const state = useQuery({
    queryKey: ['self-service', token],
    queryFn: () => apiRequest<SelfServiceFreezeDto>(base),
    retry: false,
    // The platform answers the freeze through a job after the click: keep asking until it is settled.
    refetchInterval: (query) => {
      const freeze = query.state.data?.freeze;
      return freeze && (freeze.state === 'requested' || freeze.state === 'sent') ? 2_000 : false;
    },
  });
  const refresh = () => queries.invalidateQueries({ queryKey: ['self-service', token] });
  const check = useMutation({
    mutationFn: (digits: { idLast4: string; mobileLast4: string }) =>
      apiRequest<IdentityCheckDto>(`${base}/identity-check`, { method: 'POST', body: digits }),
    onSettled: refresh,
  });
  const confirm = useMutation({
    mutationFn: () => apiRequest<FreezeRequestDto>(`${base}/confirm`, { method: 'POST', body: { confirm: true } }),
    onSettled: refresh,
  });

  if (state.isPending) return null;
  if (state.isError) {
    const text = errorText(state.error);
    return <Result status="warning" title={<Bilingual zh={text.zh} en={text.en} />} />;
  }
  const page = state.data;
  return (
    <div style={{ maxWidth: 480, margin: '48px auto', padding: 16 }}>
      <Card
        styles={{ header: { paddingBlock: 12 }, title: { whiteSpace: 'normal' } }}
        title={<Bilingual zh={`紧急冻结账户 · 工单 ${page.ticketNumber}`} en={`Emergency account freeze · ticket ${page.ticketNumber}`} />}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="info"
            message={
              <Bilingual
                zh="我们的工作人员绝不会索要您的密码或验证码。如已被骗转账，请拨打全国反诈专线 96110 或报警（110）。"
                en="Our staff never ask for your password or codes. If you were tricked into paying, call the anti-fraud hotline 96110 or the police (110)."
              />
            }
          />
          {page.freeze ? (
            <Result
              status={
                page.freeze.state === 'confirmed'
                  ? 'success'
                  : page.freeze.state === 'failed' || page.freeze.state === 'rejected'
                    ? 'error'
                    : 'info'
              }
              title={
                page.freeze.state === 'confirmed' ? (
                  <Bilingual zh="账户已冻结" en="Your account is frozen" />
                ) : page.freeze.state === 'failed' || page.freeze.state === 'rejected' ? (
                  <Bilingual zh="冻结未完成，请立即拨打官方客服热线" en="The freeze did not go through; call our official hotline now" />
                ) : (
                  <Bilingual zh="冻结申请已提交，正在处理" en="Freeze requested; being processed" />
                )
              }
            />
          ) : !page.identityVerified ? (
            <Form layout="vertical" onFinish={(values: { idLast4: string; mobileLast4: string }) => check.mutate(values)}>
              <Typography.Paragraph>
                <Bilingual zh="请先核验身份：" en="First confirm it is you:" />
              </Typography.Paragraph>
              <Form.Item
                name="idLast4"
                label="身份证号后四位 / Last 4 of your ID"
                rules={[{ required: true, pattern: /^[0-9]{3}[0-9Xx]$/ }]}
              >
                <Input.Password maxLength={4} autoComplete="off" inputMode="text" visibilityToggle={false} />
              </Form.Item>
              <Form.Item
                name="mobileLast4"
                label="手机号后四位 / Last 4 of your mobile"
                rules={[{ required: true, pattern: /^[0-9]{4}$/ }]}
              >
                <Input.Password maxLength={4} autoComplete="off" inputMode="numeric" visibilityToggle={false} />
              </Form.Item>
              {check.data?.result === 'fail' && (
                <Alert type="error" message={<Bilingual zh="信息不匹配，请重试。" en="That does not match; try again." />} />
              )}
              {check.isError && <Alert type="error" message={<Bilingual {...errorText(check.error)} />} />}
              <Typography.Paragraph type="secondary">剩余次数 / attempts left: {page.attemptsLeft}</Typography.Paragraph>
              <Button type="primary" htmlType="submit" loading={check.isPending} disabled={page.attemptsLeft === 0}>
                核验 / Verify
              </Button>
            </Form>
          ) : (
            <>
              <Typography.Paragraph>
                <Bilingual
                  zh="身份已核验。冻结后资金暂时无法转出，解冻需通过官方渠道办理。"
                  en="Identity confirmed. Once frozen, no funds can leave the account; unfreezing goes through our official channels."
                />
              </Typography.Paragraph>
              {confirm.isError && <Alert type="error" message={<Bilingual {...errorText(confirm.error)} />} />}
              <Button type="primary" danger size="large" block loading={confirm.isPending} onClick={() => confirm.mutate()}>
                立即冻结账户 / Freeze my account now
              </Button>
            </>
          )}
        </Space>
      </Card>
    </div>
  );
}
