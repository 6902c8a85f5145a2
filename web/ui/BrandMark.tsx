import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** The product mark: the character 回 on a blue tile, then the name; `subtitle` replaces "agent console" on customer pages. */
export function BrandMark({ inverted = false, subtitle }: { inverted?: boolean; subtitle?: string }) {
  const { t } = useTranslation();
  return (
    <Flex align="center" gap={10}>
      <span
        aria-hidden
        style={{
          display: 'inline-grid',
          placeItems: 'center',
          width: 32,
          height: 32,
          borderRadius: 8,
          background: '#1668dc',
          color: '#fff',
          fontWeight: 700,
          fontSize: 18,
        }}
      >
        {t('app.mark')}
      </span>
      <Flex vertical gap={0}>
        <Typography.Text strong style={{ color: inverted ? '#fff' : undefined, fontSize: 16, lineHeight: 1.2 }}>
          {t('app.name')}
        </Typography.Text>
        <Typography.Text style={{ color: inverted ? 'rgba(255,255,255,0.65)' : 'rgba(0,0,0,0.45)', fontSize: 12 }}>
          {subtitle ?? t('app.product')}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
