#!/usr/bin/env node
// The CLI as one bundle (built by `npm run build` from src/cli.ts).
import { main } from '../dist/bundle/crashlab.mjs';

await main();
