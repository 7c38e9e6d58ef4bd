import { Module } from '@nestjs/common';
import { EventStoreModule } from '@app/event-store';
import { VerifyController } from './event-log/verify.controller';
import { HealthController } from './health/health.controller';

@Module({
  imports: [EventStoreModule],
  controllers: [HealthController, VerifyController],
})
export class AppModule {}
