export type { StoreCheck, StoreContractOptions } from './describe-store-contract.js';
export { describeStoreContract, STORE_CHECKS } from './describe-store-contract.js';
