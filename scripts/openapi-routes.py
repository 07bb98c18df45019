#!/usr/bin/env python3
"""Keeps server/src/main/resources/openapi/openapi.json in step with the server.

  scripts/openapi-routes.py add "GET /v1/example/{id}" "POST /v1/example" ...
      adds operations for new routes (the ones OpenApiRoutesTest names as missing): path
      parameters, the security schemes by the usual rules, and the AnyObject placeholder answer
      and a bare request body, which OpenApiRoutesTest refuses until real schemas replace them.
  scripts/openapi-routes.py learn [server/target/openapi-tour.json]
      gives every 2xx answer that OpenApiResponsesTest saw (it writes the tour file) and the
      description lacks, or describes only as AnyObject, a schema drawn from the answers seen.
      Read the result over and complete it from the code: a "required" list says what the tour
      always saw, not what the server always sends.
"""
import json
import re
import sys

DESCRIPTION = 'server/src/main/resources/openapi/openapi.json'
PUBLIC = {'/healthz', '/readyz', '/v1/openapi.json', '/v1/visitors', '/v1/agents/login',
          '/v1/password-links/{token}', '/v1/ticket-ratings/{token}'}
GENERIC = {'$ref': '#/components/schemas/AnyObject'}


def security(path):
    if path in PUBLIC:
        return []
    if path.startswith(('/v1/visitor/', '/v1/widget/')):
        return [{'visitorToken': []}]
    if path == '/v1/ws':
        return [{'visitorToken': []}, {'userToken': []}]
    if path == '/v1/agents/logout' or path.startswith(('/v1/me', '/v1/admin/api-keys')):
        return [{'userToken': []}]
    return [{'userToken': []}, {'apiKey': []}]


def infer(values):
    """A JSON schema that accepts every value seen."""
    kinds = set()
    for v in values:
        kinds.add('null' if v is None else 'boolean' if isinstance(v, bool)
                  else 'integer' if isinstance(v, int) else 'number' if isinstance(v, float)
                  else 'string' if isinstance(v, str) else 'array' if isinstance(v, list)
                  else 'object')
    if {'integer', 'number'} <= kinds:
        kinds.discard('integer')
    present = [v for v in values if v is not None]
    if not present:
        return {}
    ordered = sorted(kinds)
    schema = {'type': ordered[0] if len(ordered) == 1 else ordered}
    objects = [v for v in present if isinstance(v, dict)]
    if objects and len(kinds - {'null'}) == 1:
        keys = []
        for o in objects:
            keys += [k for k in o if k not in keys]
        schema['properties'] = {k: infer([o[k] for o in objects if k in o]) for k in keys}
        required = [k for k in keys if all(k in o for o in objects)]
        if required:
            schema['required'] = required
    arrays = [v for v in present if isinstance(v, list)]
    if arrays and len(kinds - {'null'}) == 1:
        items = [x for a in arrays for x in a]
        if items:
            schema['items'] = infer(items)
    return schema


def add(description, routes):
    for route in routes:
        method, path = route.split(' ', 1)
        operation = {
            'operationId': re.sub(r'[^A-Za-z0-9]+', '_', method.lower() + path).strip('_'),
            'tags': [path.split('/')[3] if path.startswith('/v1/admin/') else path.split('/')[2]
                     if path.startswith('/v1/') else 'operations'],
            'security': security(path),
            'responses': {'201' if method == 'POST' else '200': {
                'description': 'Success', 'content': {'application/json': {'schema': GENERIC}}},
                'default': {'$ref': '#/components/responses/Error'}}}
        names = re.findall(r'\{([a-zA-Z]+)\}', path)
        if names:
            operation['parameters'] = [{'name': n, 'in': 'path', 'required': True,
                                        'schema': {'type': 'string'}} for n in names]
        if method in ('POST', 'PUT', 'PATCH'):
            operation['requestBody'] = {'required': False, 'content': {
                'application/json': {'schema': {'type': 'object'}}}}
        description['paths'].setdefault(path, {})[method.lower()] = operation
    description['paths'] = dict(sorted(description['paths'].items()))


def learn(description, tour):
    for key, answers in json.load(open(tour)).items():
        method, path, status = key.split(' ')
        operation = description['paths'].get(path, {}).get(method.lower())
        if operation is None or not status.startswith('2'):
            continue
        responses = operation['responses']
        current = responses.get(status, {}).get('content', {}).get('application/json', {})
        if status in responses and current.get('schema') != GENERIC:
            continue
        for generic in [s for s, r in responses.items() if s.startswith('2')
                        and r.get('content', {}).get('application/json', {}).get('schema')
                        == GENERIC]:
            del responses[generic]
        responses[status] = ({'description': 'Success', 'content': {'application/json': {
            'schema': infer(answers)}}} if answers
            else {'description': 'Success, without a JSON body'})


def main():
    description = json.load(open(DESCRIPTION))
    if len(sys.argv) > 2 and sys.argv[1] == 'add':
        add(description, sys.argv[2:])
    elif len(sys.argv) >= 2 and sys.argv[1] == 'learn':
        learn(description, sys.argv[2] if len(sys.argv) > 2 else 'server/target/openapi-tour.json')
    else:
        sys.exit(__doc__)
    with open(DESCRIPTION, 'w') as out:
        json.dump(description, out, indent=2, ensure_ascii=False)
        out.write('\n')


if __name__ == '__main__':
    main()
