import { Input } from 'antd';
import type { useAppProps } from 'antd/es/app/context';

type ModalApi = useAppProps['modal'];

/**
 * Asks for a reason in the app's own modal (not the browser's prompt: styled, translated, reachable
 * by keyboard). OK stays disabled until something other than spaces is written; resolves to the
 * trimmed text, or null when cancelled.
 */
export function askReason(
  modal: ModalApi,
  options: { title: string; label: string; okText: string; cancelText: string },
): Promise<string | null> {
  return new Promise((resolve) => {
    let value = '';
    const instance = modal.confirm({
      title: options.title,
      icon: null,
      okText: options.okText,
      cancelText: options.cancelText,
      okButtonProps: { disabled: true },
      content: (
        <Input.TextArea
          aria-label={options.label}
          rows={3}
          maxLength={2000}
          autoFocus
          onChange={(e) => {
            value = e.target.value;
            instance.update({ okButtonProps: { disabled: !value.trim() } });
          }}
        />
      ),
      onOk: () => resolve(value.trim()),
      onCancel: () => resolve(null),
    });
  });
}
