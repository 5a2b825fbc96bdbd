#!/usr/bin/env node
// The `mus` command runs the compiled CLI (built by `npm install` via `prepare`).
import '../dist/src/cli.js';
