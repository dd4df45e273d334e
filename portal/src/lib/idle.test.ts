import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from './idle.js';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('work deferred until the browser is idle', () => {
  it('waits for the idle callback, with the deadline given', () => {
    const callbacks: (() => void)[] = [];
    const request = vi.fn((cb: () => void, _o: { timeout: number }) => callbacks.push(cb));
    vi.stubGlobal('requestIdleCallback', request);
    vi.stubGlobal('cancelIdleCallback', vi.fn());
    const work = vi.fn();
    whenIdle(work, 1500);
    expect(work).not.toHaveBeenCalled();
    expect(request.mock.calls[0]![1]).toEqual({ timeout: 1500 });
    callbacks[0]!();
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('cancels the idle callback it asked for', () => {
    vi.stubGlobal('requestIdleCallback', vi.fn(() => 42));
    const cancel = vi.fn();
    vi.stubGlobal('cancelIdleCallback', cancel);
    whenIdle(() => undefined)();
    expect(cancel).toHaveBeenCalledWith(42);
  });

  it('falls back to a timer where there is no requestIdleCallback, and the cancel stops it', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const ran = vi.fn();
    const stopped = vi.fn();
    whenIdle(ran);
    whenIdle(stopped)();
    expect(ran).not.toHaveBeenCalled();
    vi.advanceTimersByTime(5);
    expect(ran).toHaveBeenCalledTimes(1);
    expect(stopped).not.toHaveBeenCalled();
  });
});
