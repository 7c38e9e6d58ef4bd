export { CommandKey, scopedCommandId } from './idempotency-key.decorator';
export {
  IDEMPOTENCY_HEADER,
  IdempotencyInterceptor,
  REPLAYED_HEADER,
} from './idempotency.interceptor';
export {
  IdempotencyStore,
  type BeginOutcome,
  SqliteIdempotencyStore,
  MongoIdempotencyStore,
} from '@app/api-state';
export { canonicalJson, requestHash } from './request-hash';
