import { defineModule } from '../../platform/module';
import { recordingsRoutes } from './recordings.routes';
import { createRecordingsService, type RecordingsDeps } from './recordings.service';

/** Cameras and recordings; their files are deleted by the retention engine through the same store. */
export const recordingsModule = defineModule({
  name: 'recordings',
  create(deps: RecordingsDeps) {
    const recordings = createRecordingsService(deps);
    return { services: { recordings }, routes: recordingsRoutes(recordings) };
  },
});
