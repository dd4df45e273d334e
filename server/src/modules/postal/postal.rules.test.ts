import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isShipmentFinal, pickupTransition, postalDueAt, shipmentEvents, shipmentStatuses, shipmentTransition, type ShipmentStatus } from './postal.rules.js';
import { signPayload, verifySignature } from './postal.signature.js';

/** Folds events from "created", skipping the refused ones, and records each accepted step. */
function run(events: (typeof shipmentEvents)[number][]) {
  let s: ShipmentStatus = 'created';
  const path: [ShipmentStatus, string, ShipmentStatus][] = [];
  for (const e of events) {
    const t = shipmentTransition(s, e);
    if (t.ok) {
      path.push([s, e, t.to]);
      s = t.to;
    } else {
      expect(t.allowed).not.toContain(e);
    }
  }
  return { s, path };
}

describe('shipment state machine', () => {
  const events = fc.array(fc.constantFrom(...shipmentEvents), { maxLength: 30 });

  it('a delivery always follows a hand-over, and nothing follows a delivery or a return to the desk', () => {
    fc.assert(
      fc.property(events, (es) => {
        const { path } = run(es);
        path.forEach(([from, e, to], i) => {
          if (to === 'delivered') expect(from).toBe('handed_over');
          if (e === 'return_to_desk') expect(from).toBe('failed');
          if (i > 0) expect(isShipmentFinal(path[i - 1]![2])).toBe(false);
        });
      }),
    );
  });

  it('the number of hand-overs is one more than the failures before the last one (each new attempt follows a failure)', () => {
    fc.assert(
      fc.property(events, (es) => {
        const { path } = run(es);
        const handOvers = path.filter(([, e]) => e === 'hand_over').length;
        const fails = path.filter(([, e]) => e === 'fail').length;
        expect(handOvers === fails || handOvers === fails + 1).toBe(true);
      }),
    );
  });

  it('a refused transition says which ones were allowed, and those are accepted', () => {
    fc.assert(
      fc.property(fc.constantFrom(...shipmentStatuses), fc.constantFrom(...shipmentEvents), (s, e) => {
        const t = shipmentTransition(s, e);
        if (!t.ok) for (const a of t.allowed) expect(shipmentTransition(s, a).ok).toBe(true);
        expect(isShipmentFinal(s)).toBe(!shipmentEvents.some((x) => shipmentTransition(s, x).ok));
      }),
    );
  });
});

describe('pickup order', () => {
  it('is handed over only after the pickup and cannot be cancelled afterwards', () => {
    expect(pickupTransition('requested', 'hand_over').ok).toBe(false);
    expect(pickupTransition('picked_up', 'hand_over')).toEqual({ ok: true, to: 'handed_over' });
    expect(pickupTransition('handed_over', 'cancel')).toEqual({ ok: false, allowed: [] });
  });
});

describe('same-day due time', () => {
  it('is 17:00 Vietnam time the same day, or the next day after 17:00; none for other procedures', () => {
    expect(postalDueAt(new Date('2026-11-25T02:00:00Z'), { amount: 1, unit: 'same_day' })?.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(postalDueAt(new Date('2026-11-25T10:30:00Z'), { amount: 1, unit: 'same_day' })?.toISOString()).toBe('2026-11-26T10:00:00.000Z');
    expect(postalDueAt(new Date('2026-11-24T18:00:00Z'), { amount: 1, unit: 'same_day' })?.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(postalDueAt(new Date('2026-11-25T02:00:00Z'), { amount: 3, unit: 'working_day' })).toBeNull();
  });
});

describe('callback signature', () => {
  it('accepts only the exact body, secret and a fresh timestamp', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 16 }), fc.string(), fc.string(), fc.integer({ min: -1000, max: 1000 }), (secret, body, other, skew) => {
        const now = 1_790_000_000_000;
        const ts = Math.floor(now / 1000) + skew;
        const headers = { signature: signPayload(secret, ts, body), timestamp: String(ts) };
        const fresh = Math.abs(skew) <= 300;
        expect(verifySignature(secret, body, headers, now, 300).ok).toBe(fresh);
        if (other !== body) expect(verifySignature(secret, other, headers, now, 300).ok).toBe(false);
        expect(verifySignature(`${secret}x`, body, headers, now, 300).ok).toBe(false);
      }),
    );
  });
});
