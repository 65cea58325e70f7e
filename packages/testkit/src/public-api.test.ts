import { describeApiReport } from '../../../tooling/api-report/api-report.js';

describeApiReport('@freshet/testkit', [
  {
    name: '.',
    entry: new URL('./index.ts', import.meta.url),
    load: () => import('./index.js'),
    report: new URL('./public-api.snap.txt', import.meta.url),
  },
  {
    name: './conformance',
    entry: new URL('./conformance/index.ts', import.meta.url),
    load: () => import('./conformance/index.js'),
    report: new URL('./conformance/public-api.snap.txt', import.meta.url),
  },
  {
    name: './store',
    entry: new URL('./store/index.ts', import.meta.url),
    load: () => import('./store/index.js'),
    report: new URL('./store/public-api.snap.txt', import.meta.url),
  },
]);
