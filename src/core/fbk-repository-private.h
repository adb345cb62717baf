/* fbk-repository-private.h: what the files of FbkRepository share
 *
 * FbkRepository is split by job: reading what is stored and the max hours
 * in fbk-repository.c, the meters in fbk-repository-meters.c, fetching what
 * is missing in fbk-repository-refresh.c, spot prices in
 * fbk-repository-prices.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fbk-repository.h"

G_BEGIN_DECLS

struct _FbkRepository
{
  GObject     parent_instance;

  FbkClient      *client;
  FbkPriceClient *price_client;  /* nullable: no prices but those stored */
  FbkStore   *store;    /* nullable */
  FbkClock   *clock;
  GListStore *meters;   /* FbkMeteringPoint */
  gboolean    offline;  /* ask nothing: refreshes and prices read the store only */
  FbkInstant  last_discovered;  /* the newest discovery this repository or the store knows of */
};

FbkInstant  _fbk_repository_now                     (FbkRepository *self);
GPtrArray  *_fbk_repository_new_series              (const char * const *ids,
                                                     FbkDirection        direction);
void        _fbk_repository_note_verification_habit (FbkRepository *self,
                                                     FbkSeries     *series);

G_END_DECLS
