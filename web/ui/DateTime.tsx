import { Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

const absoluteFormat = 'YYYY-MM-DD HH:mm';

/** A timestamp shown relative ("3 小时前") or absolute, with the other form on hover. */
export function DateTime({ value, relative = false }: { value: string; relative?: boolean }) {
  // Subscribes to language changes so the relative wording follows the switch.
  useTranslation();
  const time = dayjs(value);
  const absolute = time.format(absoluteFormat);
  return (
    <Tooltip title={relative ? absolute : time.fromNow()}>
      <time dateTime={value} style={{ whiteSpace: 'nowrap' }}>
        {relative ? time.fromNow() : absolute}
      </time>
    </Tooltip>
  );
}
