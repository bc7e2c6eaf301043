#!/usr/bin/env node
// `kubectl crashlab ...`: kubectl finds this file on PATH by its name.
import { pluginMain } from '../dist/bundle/kubectl-crashlab.mjs';

await pluginMain();
