// Parses every *.tf file of a directory with @cdktf/hcl2json (the HCL parser Terraform uses,
// compiled to WebAssembly) and prints one JSON object merging them, for jq in terraform.bats:
//   { "files": {"main.tf": {...}, ...}, "resource": {...}, "variable": {...}, "output": {...}, ... }
// A syntax error in any file fails with the parser's message.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('@cdktf/hcl2json');

async function main() {
  const dir = process.argv[2];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.tf')).sort();
  if (files.length === 0) throw new Error(`no .tf files in ${dir}`);
  const merged = { files: {} };
  for (const f of files) {
    const json = await parse(f, fs.readFileSync(path.join(dir, f), 'utf8'));
    merged.files[f] = json;
    for (const [blockType, blocks] of Object.entries(json)) {
      // Unlabelled blocks (locals, terraform) come as arrays: keep every one.
      if (Array.isArray(blocks)) {
        merged[blockType] = [...(merged[blockType] ?? []), ...blocks];
        continue;
      }
      merged[blockType] ??= {};
      for (const [name, value] of Object.entries(blocks)) {
        if (blockType === 'resource' || blockType === 'data') {
          merged[blockType][name] ??= {};
          for (const [label, body] of Object.entries(value)) {
            if (merged[blockType][name][label]) throw new Error(`${blockType}.${name}.${label} declared twice`);
            merged[blockType][name][label] = body;
          }
        } else if (Array.isArray(value)) {
          if (merged[blockType][name]) throw new Error(`${blockType} "${name}" declared twice`);
          merged[blockType][name] = value;
        } else {
          merged[blockType][name] = value;
        }
      }
    }
  }
  process.stdout.write(JSON.stringify(merged) + '\n');
}

main().catch((err) => {
  console.error(`hcl2json: ${err.message || err}`);
  process.exit(1);
});
