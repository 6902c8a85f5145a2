import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { createQueryClient } from './query-client';
import { SessionProvider } from './session';

const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1668dc',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Zen Hei', 'Noto Sans CJK SC', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#001529', bodyBg: '#f5f7fa', headerPadding: '0 24px' },
  },
};

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const { i18n } = useTranslation();
  const isChinese = i18n.language === 'zh-CN';
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={isChinese ? zhCN : enUS} theme={theme}>
        <AntApp>
          <SessionProvider>{children}</SessionProvider>
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
