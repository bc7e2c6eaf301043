#!/usr/bin/env node
// Tab completion for `kubectl crashlab ...`: kubectl runs this with the words after the plugin name.
import { runCli } from '../dist/bundle/crashlab.mjs';

process.exitCode = await runCli(['__complete', '--', ...process.argv.slice(2)]);
