/**
 * One interface for online payment gateways. A gateway turns a payment into the URL the citizen is sent to, and reads
 * back what the gateway says happened — on the browser's return and on the server-to-server notification (IPN) — after
 * checking its signature. What the payment module then does with a verified result (amount, order, idempotency) is the
 * same for every gateway.
 */
export type GatewayPaymentRequest = {
  /** Our order id (the payment reference). */
  reference: string;
  amountVnd: number;
  /** Short ASCII description shown by the gateway. */
  orderInfo: string;
  /** Absolute URL the gateway sends the browser back to. */
  returnUrl: string;
  clientIp: string;
  createdAt: Date;
  expiresAt: Date;
};

/** A gateway message whose signature and merchant were checked. */
export type VerifiedGatewayResult = {
  ok: true;
  reference: string;
  amountVnd: number;
  /** The gateway says the money moved. */
  success: boolean;
  responseCode: string;
  transactionNo: string | null;
  bankCode: string | null;
  /** The signed fields as received, kept in the payment event log. */
  fields: Record<string, string>;
};
export type RejectedGatewayResult = { ok: false; reason: 'signature' | 'merchant' | 'malformed' };
export type GatewayResult = VerifiedGatewayResult | RejectedGatewayResult;

export interface PaymentGateway {
  readonly id: 'vnpay' | 'paygov';
  createPaymentUrl(request: GatewayPaymentRequest): string;
  verifyReturn(query: Record<string, unknown>): GatewayResult;
  verifyIpn(query: Record<string, unknown>): GatewayResult;
}
