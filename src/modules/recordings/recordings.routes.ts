import { type App, accessContext } from '../../platform/http/server';
import { cameraInput, handOverInput, idParam, recordingInput, viewInput } from './recordings.input';
import { cameraListOutput, cameraOutput, recordingListOutput, recordingOutput, viewOutput } from './recordings.output';
import type { RecordingsService } from './recordings.service';

const tags = ['recordings'];

export function recordingsRoutes(rec: RecordingsService) {
  return async (app: App) => {
    app.get('/api/recordings/cameras', { schema: { tags, response: { 200: cameraListOutput } } }, async (req) => ({
      items: await rec.listCameras(accessContext(req)),
    }));
    app.post(
      '/api/recordings/cameras',
      { schema: { tags, body: cameraInput, response: { 201: cameraOutput } } },
      async (req, reply) => {
        reply.code(201);
        return rec.addCamera(accessContext(req), req.body);
      },
    );
    app.get('/api/recordings', { schema: { tags, response: { 200: recordingListOutput } } }, async (req) => ({
      items: await rec.listRecordings(accessContext(req)),
    }));
    app.post(
      '/api/recordings',
      { schema: { tags, body: recordingInput, response: { 201: recordingOutput } } },
      async (req, reply) => {
        reply.code(201);
        return rec.addRecording(accessContext(req), req.body);
      },
    );
    app.post(
      '/api/recordings/:id/view',
      { schema: { tags, params: idParam, body: viewInput, response: { 200: viewOutput } } },
      async (req) => rec.view(accessContext(req), req.params.id, req.body),
    );
    app.post(
      '/api/recordings/:id/hand-over',
      { schema: { tags, params: idParam, body: handOverInput, response: { 200: viewOutput } } },
      async (req) => rec.handOver(accessContext(req), req.params.id, req.body),
    );
  };
}
