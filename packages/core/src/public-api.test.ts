import { describeApiReport } from '../../../tooling/api-report/api-report.js';

describeApiReport('@freshet/core', [
  {
    name: '.',
    entry: new URL('./index.ts', import.meta.url),
    load: () => import('./index.js'),
    report: new URL('./public-api.snap.txt', import.meta.url),
  },
  {
    name: './sqlite',
    entry: new URL('./sqlite.ts', import.meta.url),
    load: () => import('./sqlite.js'),
    report: new URL('./sqlite.public-api.snap.txt', import.meta.url),
  },
  {
    name: './kysely',
    entry: new URL('./kysely.ts', import.meta.url),
    load: () => import('./kysely.js'),
    report: new URL('./kysely.public-api.snap.txt', import.meta.url),
  },
  {
    name: './export',
    entry: new URL('./export.ts', import.meta.url),
    load: () => import('./export.js'),
    report: new URL('./export.public-api.snap.txt', import.meta.url),
  },
]);
