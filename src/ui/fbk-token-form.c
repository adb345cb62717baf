/* fbk-token-form.c: paste a token, have it checked, see what it covers
 *
 * The widget face of FbkTokenCheck, used by the welcome page and the replace
 * dialog: a password field, the check's progress and refusals in words, the
 * keyring fallback, and once Elvia has accepted the token the meters it
 * covers and when it expires. "connected" is emitted when the person goes
 * on from there, so a warning about expiry is read before the view changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fbk-token-form"

#include "config.h"

#include <glib/gi18n.h>

#include "fbk-token-check.h"
#include "fbk-token-form.h"

struct _FbkTokenForm
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkWidget      *entry;
  GtkWidget      *message_box;
  GtkSpinner     *spinner;
  GtkImage       *message_icon;
  GtkLabel       *message_label;
  GtkButton      *session_button;
  GtkButton      *connect_button;
  GtkLabel       *accepted_label;
  GtkListBox     *meters_list;
  GtkLabel       *storage_label;
  GtkWidget      *expiry_box;
  GtkImage       *expiry_icon;
  GtkLabel       *expiry_label;
  GtkButton      *continue_button;

  /* What to scroll into view after the next frame */
  GtkWidget      *reveal_top;
  GtkWidget      *reveal_bottom;

  FbkTokenCheck  *check;
  /* Set once "connected" went out; the next time the form is shown it
   * starts over with an empty field. */
  gboolean        connected;
};

G_DEFINE_FINAL_TYPE (FbkTokenForm, fbk_token_form, GTK_TYPE_WIDGET)

enum {
  CONNECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */
/* ------------------------------------------------------------------------ */

static gboolean
is_busy (FbkTokenForm *self)
{
  FbkTokenCheckState state = fbk_token_check_get_state (self->check);

  return state == FBK_TOKEN_CHECK_RUNNING || state == FBK_TOKEN_CHECK_SAVING;
}

static void
update_connect_button (FbkTokenForm *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  gboolean ready = fbk_token_check_get_ready (self->check);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "token.connect",
                                 ready && !is_busy (self) && text != NULL && *text != '\0');
}

/* What changes under the field (a message, the meters found) may fall
 * below the bottom of a scrolled page, such as the welcome page at 800 px:
 * scroll it into view. Runs once the frame that shows it is laid out and
 * painted, when its position is known. */
static void
on_painted_cb (GdkFrameClock *frame_clock,
               FbkTokenForm  *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_rect_t top;
  graphene_rect_t bottom;
  double value, page_size, end;

  g_signal_handlers_disconnect_by_func (frame_clock, on_painted_cb, self);

  if (scrolled == NULL || !gtk_widget_get_mapped (self->reveal_top))
    return;

  /* The viewport's child, whose coordinates the adjustment scrolls */
  content = gtk_widget_get_first_child (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)));
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (content == NULL ||
      !gtk_widget_compute_bounds (self->reveal_top, content, &top) ||
      !gtk_widget_compute_bounds (self->reveal_bottom, content, &bottom))
    return;

  value = gtk_adjustment_get_value (adjustment);
  page_size = gtk_adjustment_get_page_size (adjustment);
  end = bottom.origin.y + bottom.size.height + 12;
  if (end > value + page_size)
    gtk_adjustment_set_value (adjustment, MIN (end - page_size, top.origin.y));
}

/* From @top down to @bottom, as far as the page allows */
static void
reveal (FbkTokenForm *self,
        GtkWidget    *top,
        GtkWidget    *bottom)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (frame_clock == NULL)
    return;

  self->reveal_top = top;
  self->reveal_bottom = bottom;
  g_signal_handlers_disconnect_by_func (frame_clock, on_painted_cb, self);
  g_signal_connect_object (frame_clock, "after-paint", G_CALLBACK (on_painted_cb), self, 0);
}

static void
show_message (FbkTokenForm *self,
              const char   *icon_name,
              const char   *style_class,
              const char   *text)
{
  gtk_widget_set_visible (self->message_box, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), icon_name == NULL);
  gtk_spinner_set_spinning (self->spinner, icon_name == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->message_icon), icon_name != NULL);
  if (icon_name != NULL)
    gtk_image_set_from_icon_name (self->message_icon, icon_name);

  gtk_widget_remove_css_class (self->message_box, "error");
  gtk_widget_remove_css_class (self->message_box, "warning");
  if (style_class != NULL)
    gtk_widget_add_css_class (self->message_box, style_class);

  gtk_label_set_text (self->message_label, text);
  /* A screen reader says a problem with the token with the field. */
  if (style_class != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->message_label, NULL,
                                    -1);
  else
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               g_strcmp0 (style_class, "error") == 0 ? GTK_ACCESSIBLE_INVALID_TRUE
                                                                     : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  /* With the buttons under it, which say what to do next */
  reveal (self, self->message_box, GTK_WIDGET (self->connect_button));
}

static void
hide_message (FbkTokenForm *self)
{
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_widget_set_visible (self->message_box, FALSE);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID);
}

/* GTK 4.8 does not tell a focused text field that it lost the focus when
 * it becomes insensitive, and its cursor keeps blinking (with a warning).
 * So the focus goes first. */
static void
release_focus (FbkTokenForm *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && gtk_widget_is_ancestor (focus, self->entry))
    gtk_root_set_focus (root, NULL);
}

static void
show_failure (FbkTokenForm *self)
{
  const GError *error = fbk_token_check_get_error (self->check);

  if (fbk_token_check_needs_keyring_choice (self->check))
    {
      g_autofree char *text =
        g_strdup_printf (_("Elvia accepted the token, but it could not be saved. %s\n\n"
                           "You can use it for this session only. Forbruk will then ask for "
                           "it again the next time it starts."),
                         error->message);

      show_message (self, "dialog-warning-symbolic", "warning", text);
      gtk_button_set_label (self->connect_button, _("_Try Again"));
      gtk_widget_set_visible (GTK_WIDGET (self->session_button), TRUE);
      return;
    }

  show_message (self, "dialog-error-symbolic", "error", error->message);
  /* Ready for the corrected token */
  gtk_widget_grab_focus (self->entry);
}

static void
show_accepted (FbkTokenForm *self)
{
  GListModel *meters = fbk_token_check_get_meters (self->check);
  guint n_meters = g_list_model_get_n_items (meters);
  FbkSession *session = fbk_token_check_get_session (self->check);
  FbkTokenStore *token_store = fbk_session_get_token_store (session);
  FbkInstant expiry;
  gboolean has_expiry;

  if (n_meters == 0)
    gtk_label_set_text (self->accepted_label,
                        _("Elvia accepted the token, but it covers no metering points. Check "
                          "which meters you picked when you created it on Min side."));
  else
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "Elvia accepted the token. It covers %u metering point:",
                                      "Elvia accepted the token. It covers %u metering points:",
                                      n_meters),
                         n_meters);

      gtk_label_set_text (self->accepted_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->meters_list), n_meters > 0);

  if (fbk_token_store_get_memory_only (token_store))
    gtk_label_set_text (self->storage_label,
                        _("The token is kept for this session only. Forbruk will ask for it "
                          "again the next time it starts."));
  else
    gtk_label_set_text (self->storage_label, _("The token is saved in your keyring."));

  has_expiry = fbk_token_check_get_expiry (self->check, &expiry);
  if (has_expiry)
    {
      FbkInstant now = fbk_session_get_now (session);
      gboolean warn = FALSE;
      g_autofree char *text = fbk_token_describe_expiry (expiry, now, &warn);

      gtk_label_set_text (self->expiry_label, text);
      gtk_image_set_from_icon_name (self->expiry_icon,
                                    warn ? "dialog-warning-symbolic" : "x-office-calendar-symbolic");
      if (warn)
        gtk_widget_add_css_class (self->expiry_box, "warning");
      else
        gtk_widget_remove_css_class (self->expiry_box, "warning");
    }
  gtk_widget_set_visible (self->expiry_box, has_expiry);

  /* The field's copy is no longer needed; the client and the store have
   * theirs. */
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_stack_set_visible_child_name (self->stack, "accepted");
  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
  reveal (self, GTK_WIDGET (self->stack), GTK_WIDGET (self->continue_button));
}

static void
update (FbkTokenForm *self)
{
  FbkTokenCheckState state = fbk_token_check_get_state (self->check);
  gboolean saving_to_memory = fbk_token_check_get_ready (self->check) &&
                              fbk_token_store_get_memory_only (
                                fbk_session_get_token_store (fbk_token_check_get_session (self->check)));

  gtk_widget_set_visible (GTK_WIDGET (self->session_button), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "token.keep-for-session",
                                 fbk_token_check_needs_keyring_choice (self->check));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "token.continue", state == FBK_TOKEN_CHECK_ACCEPTED);
  gtk_button_set_label (self->connect_button, _("_Connect"));
  if (is_busy (self))
    release_focus (self);
  gtk_widget_set_sensitive (self->entry, !is_busy (self));

  switch (state)
    {
    case FBK_TOKEN_CHECK_IDLE:
      hide_message (self);
      /* Only a reset comes back here from "accepted", while hidden. */
      gtk_stack_set_visible_child_full (self->stack, "entry", GTK_STACK_TRANSITION_TYPE_NONE);
      break;

    case FBK_TOKEN_CHECK_RUNNING:
      show_message (self, NULL, NULL, _("Checking the token with Elvia…"));
      break;

    case FBK_TOKEN_CHECK_SAVING:
      show_message (self, NULL, NULL,
                    saving_to_memory ? _("Keeping the token for this session…")
                                     : _("Saving the token in your keyring…"));
      break;

    case FBK_TOKEN_CHECK_ACCEPTED:
      hide_message (self);
      show_accepted (self);
      break;

    case FBK_TOKEN_CHECK_FAILED:
      show_failure (self);
      break;

    default:
      g_assert_not_reached ();
    }

  update_connect_button (self);
}

/* ------------------------------------------------------------------------ */
/* Callbacks                                                                */
/* ------------------------------------------------------------------------ */

static GtkWidget *
create_meter_row (gpointer item,
                  gpointer user_data)
{
  FbkMeteringPoint *meter = item;
  g_autofree char *grouped = fbk_metering_point_id_format (fbk_metering_point_get_id (meter));
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), grouped);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               fbk_metering_point_get_produces (meter)
                                 ? _("Metering point with consumption and production")
                                 : _("Metering point"));
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "emblem-ok-symbolic");

  return row;
}

static void
on_check_state_changed_cb (FbkTokenForm *self)
{
  update (self);
}

static void
on_entry_changed_cb (FbkTokenForm *self)
{
  /* A refusal is about the text that was checked, not the text being
   * edited. */
  if (fbk_token_check_get_state (self->check) == FBK_TOKEN_CHECK_FAILED)
    fbk_token_check_reset (self->check);

  update_connect_button (self);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FbkTokenForm *self = FBK_TOKEN_FORM (widget);

  fbk_token_check_start (self->check, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
on_entry_activated_cb (FbkTokenForm *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "token.connect", NULL);
}

static void
session_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  FbkTokenForm *self = FBK_TOKEN_FORM (widget);

  fbk_token_check_keep_for_session (self->check);
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  FbkTokenForm *self = FBK_TOKEN_FORM (widget);

  if (self->connected)
    return;

  self->connected = TRUE;
  g_signal_emit (self, signals[CONNECTED], 0);
}

/* ------------------------------------------------------------------------ */
/* Overrides                                                                */
/* ------------------------------------------------------------------------ */

static void
fbk_token_form_map (GtkWidget *widget)
{
  FbkTokenForm *self = FBK_TOKEN_FORM (widget);

  GTK_WIDGET_CLASS (fbk_token_form_parent_class)->map (widget);

  if (self->connected)
    fbk_token_form_reset (self);
}

static void
fbk_token_form_dispose (GObject *object)
{
  FbkTokenForm *self = FBK_TOKEN_FORM (object);

  if (self->check != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->check, self);
      fbk_token_check_reset (self->check);
    }
  g_clear_object (&self->check);
  gtk_widget_dispose_template (GTK_WIDGET (self), FBK_TYPE_TOKEN_FORM);

  G_OBJECT_CLASS (fbk_token_form_parent_class)->dispose (object);
}

static void
fbk_token_form_class_init (FbkTokenFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fbk_token_form_dispose;
  widget_class->map = fbk_token_form_map;

  /**
   * FbkTokenForm::connected:
   *
   * Elvia accepted the token, it is saved (or kept for this session) and the
   * repository's client uses it; the person has seen what it covers and
   * pressed Continue.
   */
  signals[CONNECTED] =
    g_signal_new ("connected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/fbk-token-form.ui");
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, stack);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, entry);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, message_box);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, spinner);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, message_icon);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, message_label);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, session_button);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, connect_button);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, accepted_label);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, meters_list);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, storage_label);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, expiry_box);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, expiry_icon);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, expiry_label);
  gtk_widget_class_bind_template_child (widget_class, FbkTokenForm, continue_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "token.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "token.keep-for-session", NULL, session_action);
  gtk_widget_class_install_action (widget_class, "token.continue", NULL, continue_action);
}

static void
fbk_token_form_init (FbkTokenForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->check = fbk_token_check_new ();
  g_signal_connect_object (self->check, "notify::state",
                           G_CALLBACK (on_check_state_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->meters_list, fbk_token_check_get_meters (self->check),
                           create_meter_row, NULL, NULL);
  update (self);
}

/* ------------------------------------------------------------------------ */
/* Public API                                                               */
/* ------------------------------------------------------------------------ */

GtkWidget *
fbk_token_form_new (void)
{
  return g_object_new (FBK_TYPE_TOKEN_FORM, NULL);
}

FbkSession *
fbk_token_form_get_session (FbkTokenForm *self)
{
  g_return_val_if_fail (FBK_IS_TOKEN_FORM (self), NULL);

  return fbk_token_check_get_session (self->check);
}

/**
 * fbk_token_form_set_session:
 * @session: (nullable): the session that uses the token once Elvia has
 *   accepted it and it is kept; its meters model then lists what the
 *   token covers
 */
void
fbk_token_form_set_session (FbkTokenForm *self,
                            FbkSession   *session)
{
  g_return_if_fail (FBK_IS_TOKEN_FORM (self));

  fbk_token_check_set_session (self->check, session);
  update_connect_button (self);
}

/**
 * fbk_token_form_reset:
 *
 * Back to an empty field, abandoning a running check.
 */
void
fbk_token_form_reset (FbkTokenForm *self)
{
  g_return_if_fail (FBK_IS_TOKEN_FORM (self));

  self->connected = FALSE;
  fbk_token_check_reset (self->check);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  update (self);
}
