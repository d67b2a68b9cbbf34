// A textarea that grows with its text up to a cap, then scrolls.
import { useLayoutEffect, type RefObject } from 'react';

export function useAutoGrow(ref: RefObject<HTMLTextAreaElement | null>, value: string, maxFraction = 0.4): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.style.height = 'auto';
    const max = Math.max(120, window.innerHeight * maxFraction);
    element.style.height = `${Math.min(element.scrollHeight + 2, max)}px`;
    element.style.overflowY = element.scrollHeight + 2 > max ? 'auto' : 'hidden';
  }, [ref, value, maxFraction]);
}
