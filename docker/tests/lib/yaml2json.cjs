// Prints a YAML file as JSON, for jq in the bats suites. Fails on any YAML error, duplicate
// keys included (GitHub and Compose would reject them, or worse, silently take the last).
'use strict';
const fs = require('node:fs');
const YAML = require('yaml');

const file = process.argv[2];
const doc = YAML.parseDocument(fs.readFileSync(file, 'utf8'), { uniqueKeys: true });
if (doc.errors.length > 0) {
  for (const e of doc.errors) console.error(`${file}: ${e.message}`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(doc.toJS({ maxAliasCount: 100 })) + '\n');
