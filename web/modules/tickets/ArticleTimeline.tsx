import type { ArticleDto } from '@common/dto/ticket.dto';
import type { ArticleKind } from '@common/tickets/ticket-fields';
import { CustomerServiceOutlined, LockOutlined, PaperClipOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Empty, Flex, Tag, Timeline, Tooltip, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../ui/DateTime';

const kindLooks: Record<ArticleKind, { color: string; tag: string; icon: ReactNode; card: CSSProperties }> = {
  inbound: {
    color: 'blue',
    tag: 'blue',
    icon: <UserOutlined />,
    card: { background: '#ffffff', border: '1px solid #d9e4f5' },
  },
  outbound: {
    color: 'green',
    tag: 'green',
    icon: <CustomerServiceOutlined />,
    card: { background: '#f3faf0', border: '1px solid #cde8c0' },
  },
  note: {
    color: 'gold',
    tag: 'gold',
    icon: <LockOutlined />,
    card: { background: '#fffbe6', border: '1px dashed #f0c94a' },
  },
};

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function ArticleCard({ article }: { article: ArticleDto }) {
  const { t } = useTranslation();
  const look = kindLooks[article.kind];
  const author =
    article.author.name ??
    (article.author.type === 'system' || article.author.type === 'api_token' ? t(`author.${article.author.type}`) : t('author.unknown'));
  return (
    <article aria-label={t(`articleKind.${article.kind}`)} style={{ ...look.card, borderRadius: 8, padding: '10px 14px' }}>
      <Flex align="center" gap={8} wrap style={{ marginBottom: 6 }}>
        <Typography.Text strong>{author}</Typography.Text>
        <Tag color={look.tag} style={{ marginInlineEnd: 0 }}>
          {t(`articleKind.${article.kind}`)}
        </Tag>
        <Tag style={{ marginInlineEnd: 0 }}>{t(`channel.${article.channel}`)}</Tag>
        {article.maskedKinds.length > 0 && (
          <Tooltip
            title={t('masking.hint', { kinds: article.maskedKinds.map((kind) => t(`masking.kind.${kind}`)).join(t('masking.separator')) })}
          >
            <Tag color="gold" icon={<SafetyOutlined />} style={{ marginInlineEnd: 0 }}>
              {t('masking.tag')}
            </Tag>
          </Tooltip>
        )}
        {article.visibility === 'internal' && (
          <Typography.Text type="warning" style={{ fontSize: 12 }}>
            <LockOutlined /> {t('ticket.internal')}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ marginInlineStart: 'auto', fontSize: 12 }}>
          <DateTime value={article.createdAt} />
        </Typography.Text>
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, wordBreak: 'break-word' }}>
        {article.bodyText}
      </Typography.Paragraph>
      {article.attachments.length > 0 && (
        <Flex vertical gap={2} style={{ marginTop: 8 }}>
          {article.attachments.map((attachment) => (
            <a key={attachment.id} href={`/api/v1/attachments/${attachment.id}`} target="_blank" rel="noopener noreferrer">
              <PaperClipOutlined /> {attachment.fileName}{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                ({formatSize(attachment.size)})
              </Typography.Text>
            </a>
          ))}
        </Flex>
      )}
    </article>
  );
}

/** A ticket's messages oldest first; customer mail, replies and internal notes each look different. */
export function ArticleTimeline({ articles }: { articles: ArticleDto[] }) {
  const { t } = useTranslation();
  if (articles.length === 0) return <Empty description={t('ticket.noArticles')} />;
  return (
    <Timeline
      items={articles.map((article) => ({
        key: article.id,
        color: kindLooks[article.kind].color,
        icon: kindLooks[article.kind].icon,
        content: <ArticleCard article={article} />,
      }))}
    />
  );
}
