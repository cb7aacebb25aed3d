import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Committee } from './committee.entity.js';
import { CommitteesService } from './committees.service.js';
import { CommitteesController } from './committees.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature([Committee])],
  controllers: [CommitteesController],
  providers: [CommitteesService],
  exports: [CommitteesService],
})
export class CommitteesModule {}
