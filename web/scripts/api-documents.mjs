// Writes the services' OpenAPI documents into web/openapi by building each service with document generation on
// (Microsoft.Extensions.ApiDescription.Server starts the service with a server that takes no requests).
// The services check their connection strings when they start, but generating a document connects to nothing.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const services = ['Planner', 'Executor', 'Conversation', 'PromptAnalytics'];

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds every service with document generation on, writing the documents into `directory` (web/openapi unless given). */
export function writeDocuments(directory) {
  const env = {
    ...process.env,
    ConnectionStrings__postgres: 'Host=unused;Database=unused',
    ConnectionStrings__rabbitmq: 'amqp://unused:5672',
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
  };
  for (const service of services) {
    const project = join(root, 'services', service, `Orchestrator.${service}.csproj`);
    // The build writes the document only when the service's assembly is newer than this list of what it wrote last.
    rmSync(join(root, 'services', service, 'obj', `Orchestrator.${service}.OpenApiFiles.cache`), { force: true });
    const build = spawnSync(
      'dotnet',
      [
        'build',
        project,
        '-c',
        'Release',
        '-nologo',
        '-v:q',
        '-clp:NoSummary',
        '-p:OpenApiGenerateDocumentsOnBuild=true',
        ...(directory ? [`-p:OpenApiDocumentsDirectory=${directory}`] : []),
      ],
      { env, stdio: 'inherit' },
    );
    if (build.status !== 0) throw new Error(`Building ${service} to write its OpenAPI document failed.`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) writeDocuments();
