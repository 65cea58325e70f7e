import { describeApiReport } from '../../../tooling/api-report/api-report.js';

describeApiReport('@freshet/limiter-redis', [
  {
    name: '.',
    entry: new URL('./index.ts', import.meta.url),
    load: () => import('./index.js'),
    report: new URL('./public-api.snap.txt', import.meta.url),
  },
]);
