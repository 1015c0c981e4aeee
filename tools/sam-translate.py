#!/usr/bin/env python3
"""Translates template.yaml as `sam deploy` would (aws-sam-translator), printing CloudFormation JSON.

Usage: python3 tools/sam-translate.py [template.yaml] [Name=value ...]
Local CodeUri paths become s3://local-artifacts/<path> (what `sam package` does with an upload), and the
original path is kept in Metadata.LocalCodeUri of each function so tests can find the zip that was built.
Exit code 0: translated; 1: the template is not valid SAM (errors on stderr); 2: cannot run.
"""
import json
import os
import sys

try:
    from samtranslator.translator.transform import transform
    from samtranslator.yaml_helper import yaml_parse
    from samtranslator.model.exceptions import InvalidDocumentException
except ImportError as e:  # pragma: no cover
    print(f"aws-sam-translator is not installed: {e}", file=sys.stderr)
    sys.exit(2)


class NoManagedPolicies:
    """The translator asks IAM for managed policy names only when a template names one by name."""

    def load(self):
        return {}


def main(argv):
    path = argv[1] if len(argv) > 1 and '=' not in argv[1] else 'template.yaml'
    parameters = dict(a.split('=', 1) for a in argv[1:] if '=' in a)
    os.environ.setdefault('AWS_DEFAULT_REGION', 'eu-west-2')
    with open(path, encoding='utf-8') as f:
        template = yaml_parse(f.read())
    local = {}
    for logical_id, resource in template.get('Resources', {}).items():
        if resource.get('Type') == 'AWS::Serverless::Function':
            uri = resource.get('Properties', {}).get('CodeUri')
            if isinstance(uri, str) and not uri.startswith('s3://'):
                local[logical_id] = uri
                resource['Properties']['CodeUri'] = 's3://local-artifacts/' + uri
    try:
        out = transform(template, parameters, NoManagedPolicies())
    except InvalidDocumentException as e:
        for error in e.causes:
            print(f"invalid SAM: {error.message}", file=sys.stderr)
        return 1
    for logical_id, uri in local.items():
        out['Resources'][logical_id].setdefault('Metadata', {})['LocalCodeUri'] = uri
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
