export { RUN_STATUSES } from '../views/run-statuses.js';
