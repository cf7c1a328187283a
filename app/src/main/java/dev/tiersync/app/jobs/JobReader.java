package dev.tiersync.app.jobs;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Reads status documents of jobs: one job by id, or a page of jobs newest first. */
@Service
class JobReader {
  private final JobStore store;
  private final JobViews views;
  private final EndedJobViews endedViews;

  JobReader(JobStore store, JobViews views, EndedJobViews endedViews) {
    this.store = store;
    this.views = views;
    this.endedViews = endedViews;
  }

  Optional<JobView> get(String jobId) {
    Optional<JobView> ended = endedViews.get(jobId);
    if (ended.isPresent()) {
      return ended;
    }
    Optional<JobView> view = store.find(jobId).map(views::view);
    view.ifPresent(endedViews::remember);
    return view;
  }

  /** A page of jobs, newest first. */
  record Page(List<JobView> items, long total, int limit, int offset) {}

  Page list(JobQuery query) {
    List<JobView> items = store.list(query).stream().map(views::view).toList();
    return new Page(items, store.count(query), query.limit(), query.offset());
  }
}
