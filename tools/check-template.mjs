// Checks a SAM/CloudFormation template offline: resource types, property names, and every
// Ref / Fn::GetAtt / Fn::Sub target, against the AWS resource specification (@aws-cdk/aws-service-spec).
// Usage: node tools/check-template.mjs [template.yaml]   Exit code 0: fine; 1: problems (listed); 2: cannot run.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';

const require = createRequire(import.meta.url);
const { yamlParse } = require('yaml-cfn');

// SAM properties added after the specification's SAM snapshot was taken (SAM docs, AWS::Serverless::Function).
const NEWER_SAM_PROPERTIES = {
  'AWS::Serverless::Function': ['SnapStart', 'RuntimeManagementConfig', 'LoggingConfig', 'AutoPublishAliasAllProperties',
    'RecursiveLoop', 'SourceKMSKeyArn', 'PropagateTags', 'FunctionScalingConfig'],
  'AWS::Serverless::HttpApi': ['PropagateTags', 'Name', 'AccessLogSettings'],
};
// Attributes SAM resources expose through the transform (SAM docs, "Referencing generated resources").
const SAM_ATTRIBUTES = {
  'AWS::Serverless::Function': ['Arn'],
  'AWS::Serverless::HttpApi': ['ApiEndpoint'],
  'AWS::Serverless::SimpleTable': ['Arn'],
};
const PSEUDO = ['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region',
  'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix'];

const file = process.argv[2] ?? 'template.yaml';
let template;
try {
  template = yamlParse(readFileSync(file, 'utf8'));
} catch (e) {
  console.error(`${file}: not readable as a template: ${e.message}`);
  process.exit(1);
}
const db = await loadAwsServiceSpec();
const problems = [];
const resources = template.Resources ?? {};
const parameters = template.Parameters ?? {};

function spec(type) {
  const found = db.lookup('resource', 'cloudFormationType', 'equals', type);
  return found.length === 1 ? found.only() : undefined;
}
function propertyNames(type) {
  const s = spec(type);
  return s ? [...Object.keys(s.properties), ...(NEWER_SAM_PROPERTIES[type] ?? [])] : [];
}
function attributeNames(type) {
  const s = spec(type);
  return [...(s ? Object.keys(s.attributes) : []), ...(SAM_ATTRIBUTES[type] ?? [])];
}
function checkRef(name, where) {
  // SAM's generated alias of a function with AutoPublishAlias ("Referencing generated resources": <Function>.Alias)
  const alias = /^(.+)\.Alias$/.exec(name);
  if (alias && resources[alias[1]]?.Type === 'AWS::Serverless::Function') {
    return;
  }
  if (!(name in resources) && !(name in parameters) && !PSEUDO.includes(name)) {
    problems.push(`${where}: Ref to "${name}", which is no resource, parameter or pseudo parameter`);
  }
}
function checkGetAtt(logicalId, attribute, where) {
  const target = resources[logicalId];
  if (!target) {
    problems.push(`${where}: GetAtt of "${logicalId}", which is no resource`);
    return;
  }
  const base = attribute.split('.')[0];
  if (!attributeNames(target.Type).includes(attribute) && !attributeNames(target.Type).includes(base)) {
    problems.push(`${where}: GetAtt "${logicalId}.${attribute}": ${target.Type} has no attribute ${attribute} `
      + `(it has: ${attributeNames(target.Type).join(', ') || 'none'})`);
  }
}
function checkSub(value, where) {
  const [text, vars] = Array.isArray(value) ? [value[0], value[1] ?? {}] : [value, {}];
  if (typeof text !== 'string') {
    problems.push(`${where}: Fn::Sub needs a string`);
    return;
  }
  for (const match of text.matchAll(/\$\{([^}]+)\}/g)) {
    const name = match[1];
    if (name.startsWith('!') || name in vars) continue;
    if (name.includes('.') && !name.startsWith('AWS::')) {
      const [id, ...rest] = name.split('.');
      checkGetAtt(id, rest.join('.'), where);
    } else {
      checkRef(name, where);
    }
  }
  walk(vars, where);
}
function walk(node, where) {
  if (Array.isArray(node)) {
    node.forEach((n, i) => walk(n, `${where}[${i}]`));
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'Ref') checkRef(value, where);
      else if (key === 'Fn::GetAtt') {
        const [id, attr] = Array.isArray(value) ? value : String(value).split(/\.(.*)/s);
        checkGetAtt(id, attr, where);
      } else if (key === 'Fn::Sub') checkSub(value, where);
      else walk(value, `${where}.${key}`);
    }
  }
}

for (const [id, resource] of Object.entries(resources)) {
  const where = `Resources.${id}`;
  if (!resource || typeof resource.Type !== 'string') {
    problems.push(`${where}: no Type`);
    continue;
  }
  if (!spec(resource.Type)) {
    problems.push(`${where}: unknown resource type ${resource.Type}`);
    continue;
  }
  const allowed = propertyNames(resource.Type);
  for (const name of Object.keys(resource.Properties ?? {})) {
    if (!allowed.includes(name)) {
      problems.push(`${where}.Properties.${name}: ${resource.Type} has no property ${name}`);
    }
  }
  walk(resource.Properties ?? {}, `${where}.Properties`);
  if (resource.DependsOn) [].concat(resource.DependsOn).forEach((d) => checkRef(d, `${where}.DependsOn`));
}
for (const [kind, type] of [['Function', 'AWS::Serverless::Function'], ['HttpApi', 'AWS::Serverless::HttpApi']]) {
  const globals = template.Globals?.[kind] ?? {};
  for (const name of Object.keys(globals)) {
    if (!propertyNames(type).includes(name)) problems.push(`Globals.${kind}.${name}: ${type} has no property ${name}`);
  }
  walk(globals, `Globals.${kind}`);
}
walk(template.Outputs ?? {}, 'Outputs');
walk(template.Conditions ?? {}, 'Conditions');

if (problems.length) {
  console.error(`${file}: ${problems.length} problem(s)`);
  problems.forEach((p) => console.error(`  - ${p}`));
  process.exit(1);
}
console.log(`${file}: OK (${Object.keys(resources).length} resources checked against the AWS resource specification)`);
