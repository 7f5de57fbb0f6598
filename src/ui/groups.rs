//! Provider groups: the Groups screen (`g` then `w`), each group with those
//! beneath it, and the Group screen: its chain of owners, our exposure, its
//! settings and their judgements together, and its financial watch.

use super::app::{Ctx, Effect, Screen, View};
use super::event::{Action, Command, Key};
use super::forms::target::Target;
use super::forms::{self, Choice};
use super::opening::Opening;
use super::provider::ProviderScreen;
use super::setting::SettingScreen;
use super::theme::Theme;
use super::widgets::list::{ListItem, ListView, SortKey};
use super::widgets::table::{Column, TableLook, TableView, figure};
use crate::domain::group::{Accounts, Group, Membership, pounds};
use crate::domain::plan::{Plan, PlanSource};
use crate::domain::plural;
use crate::domain::policy::Policy;
use crate::domain::rating::Severity;
use crate::store::groups::GroupLine;
use crate::store::settings::SettingSummary;
use crate::store::{RecordRef, Store, StoreError, Stored};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

fn share(s: Option<u32>) -> String {
    s.map_or_else(|| "–".into(), |s| format!("{s}%"))
}

/// "⚑ market oversight · ⚠ warned 2026-10-02", as marks for a list.
fn watch(g: &Group) -> String {
    let mut marks = Vec::new();
    if g.market_oversight {
        marks.push("⚑ oversight".to_string());
    }
    if let Some(on) = g.warning_on {
        marks.push(format!("⚠ warned {on}"));
    }
    marks.join(" ")
}

impl ListItem for GroupLine {
    const COLUMNS: &'static [Column<'static>] = &[
        Column::new("Group", Constraint::Min(20)),
        Column::new("Ultimate owner", Constraint::Min(16)).from_width(120),
        Column::new("Kind", Constraint::Length(14)).from_width(100),
        Column::new("Settings", Constraint::Length(8)),
        Column::new("Short of Good", Constraint::Length(13)),
        Column::new("Children", Constraint::Length(8)),
        Column::new("Weekly", Constraint::Length(8)),
        Column::new("Share", Constraint::Length(5)),
        Column::new("Watch", Constraint::Length(22)),
    ];

    fn id(&self) -> i64 {
        self.group.id
    }

    fn cells(&self, theme: &Theme) -> Vec<Line<'static>> {
        let g = &self.group.value;
        let r = &self.rollup;
        let short = match r.short_of_good() {
            n if r.concern() => Line::styled(format!("▲ {n}"), theme.error()).right_aligned(),
            n => figure(n.to_string()),
        };
        vec![
            Line::from(g.name.clone()),
            Line::from(self.owners.last().cloned().unwrap_or_else(|| "–".into())),
            Line::from(g.owner_kind.label()),
            figure(r.settings.to_string()),
            short,
            figure(r.children.to_string()),
            figure(r.weekly.compact()),
            figure(share(r.share_of_children)),
            Line::styled(watch(g), if g.warning_on.is_some() { theme.error() } else { theme.key() }),
        ]
    }

    fn sort_key(&self, column: usize) -> SortKey {
        let r = &self.rollup;
        match column {
            1 => SortKey::Text(self.owners.last().cloned().unwrap_or_default().to_lowercase()),
            2 => SortKey::Text(self.group.value.owner_kind.label().into()),
            3 => SortKey::Number(i64::from(r.settings)),
            4 => SortKey::Number(i64::from(r.short_of_good())),
            5 => SortKey::Number(i64::from(r.children)),
            6 => SortKey::Number(r.weekly.0),
            7 => SortKey::Number(i64::from(r.share_of_children.unwrap_or(0))),
            8 => SortKey::Text(watch(&self.group.value)),
            _ => SortKey::Text(self.group.value.name.to_lowercase()),
        }
    }

    fn haystack(&self) -> String {
        let names: Vec<&str> = self.members.iter().map(|m| m.1.as_str()).collect();
        format!(
            "{} {} {} {}",
            self.group.value.name,
            self.owners.join(" "),
            self.group.value.companies_house,
            names.join(" ")
        )
    }
}

/// The groups other than `except` as owners to choose from, "none" first.
fn owner_choices(lines: &[GroupLine], except: Option<i64>) -> Vec<Choice> {
    std::iter::once(Choice::new("", "none: an ultimate owner"))
        .chain(
            lines
                .iter()
                .filter(|l| Some(l.group.id) != except)
                .map(|l| Choice::new(l.group.id.to_string(), l.group.value.name.clone())),
        )
        .collect()
}

pub struct GroupsScreen {
    list: ListView<GroupLine>,
    concentration: Option<(String, u32)>,
    threshold: u32,
}

impl GroupsScreen {
    pub fn new(policy: &Policy) -> GroupsScreen {
        GroupsScreen {
            list: ListView::new("groups").when_empty("No provider group recorded: n adds one."),
            concentration: None,
            threshold: policy.groups.concentration_percent,
        }
    }
}

impl Screen for GroupsScreen {
    fn title(&self) -> String {
        "Groups".into()
    }

    fn commands(&self) -> Vec<Command> {
        let mut c = vec![
            Command::new(Action::New, &[Key::char('n')], "new", "Add a provider group or owner"),
            Command::open("Open the group: its settings, exposure and accounts"),
        ];
        c.extend(ListView::<GroupLine>::commands().into_iter().filter(|c| c.action != Action::ToggleArchived));
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if self.list.update(action) {
            return Effect::None;
        }
        match action {
            Action::New => {
                Effect::Form(forms::group::form(owner_choices(self.list.items(), None), None, ctx.store.today()))
            }
            Action::Open => self.list.selected().map_or(Effect::None, GroupScreen::opening),
            _ => Effect::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let title = match &self.concentration {
            Some((name, s)) => format!(
                "Provider groups (an owner's figures hold its groups'; ▲ two short of Good: a group concern) · largest owner {name}: {s}% of our children (threshold {}%){}",
                self.threshold,
                if *s > self.threshold { " ▲" } else { "" }
            ),
            None => "Provider groups".into(),
        };
        self.list.render(frame, area, &title, view);
    }

    fn load(&self) -> Option<super::reader::Load> {
        Some(Box::new(|store: &Store| Ok(super::reader::Loaded::Groups(Box::new(store.groups(store.today())?)))))
    }

    fn loaded(&mut self, data: super::reader::Loaded) -> Result<(), super::loaded::Mismatch> {
        let groups = *data.into_kind::<Box<crate::store::groups::Groups>>()?;
        self.concentration = groups.concentration;
        self.list.set_items(groups.lines);
        Ok(())
    }

    fn select(&mut self, record: RecordRef) {
        if let Some(id) = record.id_of::<Group>() {
            self.list.select(id);
        }
    }

    fn text_key(&mut self, key: KeyEvent) -> bool {
        self.list.take_key(key)
    }

    fn clear(&mut self) -> bool {
        self.list.clear_filter()
    }
}

const SETTING_COLUMNS: &[Column<'static>] = &[
    Column::new("Setting", Constraint::Min(18)),
    Column::new("Provider", Constraint::Min(16)),
    Column::new("Kind", Constraint::Length(8)),
    Column::new("Judgement", Constraint::Length(22)),
    Column::new("Children", Constraint::Length(8)),
    Column::new("Weekly", Constraint::Length(9)),
];

const MEMBER_COLUMNS: &[Column<'static>] =
    &[Column::new("Provider", Constraint::Min(24)), Column::new("In group", Constraint::Min(24))];

/// One group: who owns it, our exposure, its settings together, its accounts.
pub struct GroupScreen {
    id: i64,
    line: GroupLine,
    /// Every group, for owner choices.
    all: Vec<GroupLine>,
    /// The settings of its providers and of those of the groups beneath it.
    settings: Vec<SettingSummary>,
    view: TableView,
    /// Its providers and those of the groups beneath it: the membership,
    /// the provider's name and the group's.
    members: Vec<(Stored<Membership>, String, String)>,
    member_view: TableView,
    /// The providers shown below instead of the settings.
    showing_members: bool,
    /// The plans answering its group concern, the newest first.
    plans: Vec<Stored<Plan>>,
}

impl GroupScreen {
    /// Opens the group of `line` (as the list shows it), read on the reader
    /// (see [`Opening`]).
    pub fn opening(line: &GroupLine) -> Effect {
        let id = line.group.id;
        Opening::effect(line.group.value.name.clone(), move |store| GroupScreen::open(store, id))
    }

    fn open(store: &Store, id: i64) -> Result<GroupScreen, StoreError> {
        let GroupData { line, all, members, settings, plans } = GroupData::read(store, id)?;
        Ok(GroupScreen {
            id,
            line,
            all,
            settings,
            view: TableView::default(),
            members,
            member_view: TableView::default(),
            showing_members: false,
            plans,
        })
    }
}

impl GroupScreen {
    /// A plan answering the group concern, addressed to one of its providers
    /// (the one that answers for the group); refused while there is none.
    fn request_plan(&self, today: chrono::NaiveDate) -> Effect {
        let r = &self.line.rollup;
        if !r.concern() {
            return Effect::Error(format!(
                "{} has {} short of Good: a group plan answers a group concern, two or more",
                self.line.group.value.name,
                plural(r.short_of_good() as usize, "setting", "settings")
            ));
        }
        let mut providers: Vec<(i64, &str)> =
            self.members.iter().map(|m| (m.0.value.provider_id, m.1.as_str())).collect();
        providers.dedup_by_key(|p| p.0);
        let Some(&(first, _)) = providers.first() else { return Effect::None };
        let targets = providers
            .iter()
            .map(|&(id, name)| {
                Choice::new(Target { provider_id: id, setting_id: None }.code(), format!("{name} (whole provider)"))
            })
            .collect();
        let whole = Target { provider_id: first, setting_id: None };
        let mut form = forms::plan::form(targets, whole, (PlanSource::Group, Some(self.id)), None, today);
        form.title = format!("Request a group improvement plan: {}", self.line.group.value.name);
        Effect::Form(form)
    }
}

impl Screen for GroupScreen {
    fn title(&self) -> String {
        self.line.group.value.name.clone()
    }

    fn commands(&self) -> Vec<Command> {
        let mut c = vec![
            Command::open(if self.showing_members {
                "Open the selected provider"
            } else {
                "Open the selected setting"
            }),
            Command::new(
                Action::Edit,
                &[Key::char('e')],
                "edit group",
                "Edit the group: its owner, oversight, any warning",
            ),
            Command::new(Action::AddGroup, &[Key::char('m')], "add provider", "Put a provider into this group"),
            Command::new(Action::New, &[Key::char('A')], "accounts", "Record the group's accounts for a year"),
            Command::new(
                Action::RequestPlan,
                &[Key::char('p')],
                "group plan",
                "Request an improvement plan answering the group concern (its progress: Plans, g p)",
            ),
        ];
        if self.showing_members {
            c.push(Command::new(
                Action::Delete,
                &[Key::char('d')],
                "remove",
                "Take the selected provider out of its group (asks first)",
            ));
        }
        c.extend(super::widgets::panes::commands("Its settings, or its providers"));
        c
    }

    fn update(&mut self, action: Action, ctx: &Ctx) -> Effect {
        if super::widgets::panes::step(action, 0, 2).is_some() {
            self.showing_members = !self.showing_members;
            return Effect::None;
        }
        let stepped = match self.showing_members {
            true => self.member_view.step(action, self.members.len()),
            false => self.view.step(action, self.settings.len()),
        };
        if stepped {
            return Effect::None;
        }
        if self.showing_members {
            let Some((m, provider, group)) = self.members.get(self.member_view.selected) else { return Effect::None };
            match action {
                Action::Open => {
                    return ProviderScreen::opening(ctx.policy, m.value.provider_id);
                }
                Action::Delete => return super::actions::delete(m, &format!("{provider}'s membership of {group}")),
                _ => {}
            }
        }
        let today = ctx.store.today();
        let name = self.line.group.value.name.clone();
        match action {
            Action::Open => self
                .settings
                .get(self.view.selected)
                .map_or(Effect::None, |s| SettingScreen::opening(ctx.policy, s.setting.id)),
            Action::Edit => {
                Effect::Form(forms::group::form(owner_choices(&self.all, Some(self.id)), Some(&self.line.group), today))
            }
            Action::AddGroup => {
                // Only providers in no group: one in another is taken out there first.
                let grouped: std::collections::HashSet<i64> =
                    self.all.iter().flat_map(|l| l.members.iter().map(|m| m.0)).collect();
                let result = ctx.store.provider_names().map(|names| {
                    let mut names: Vec<(i64, String)> =
                        names.into_iter().filter(|(id, _)| !grouped.contains(id)).collect();
                    if names.is_empty() {
                        return Effect::Error(
                            "every provider is in a group: take one out of its group first (Tab, then d)".into(),
                        );
                    }
                    names.sort_by_key(|n| n.1.to_lowercase());
                    let choices = names.into_iter().map(|(id, n)| Choice::new(id.to_string(), n)).collect();
                    Effect::Form(forms::group::member_form(self.id, &name, choices, today))
                });
                result.into()
            }
            Action::New => Effect::Form(forms::group::accounts_form(self.id, &name, None, today)),
            Action::RequestPlan => self.request_plan(today),
            _ => Effect::None,
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let theme = view.theme;
        let [header, boxes, table] =
            Layout::vertical([Constraint::Length(5), Constraint::Length(8), Constraint::Min(4)]).areas(area);
        let mut lines = header_lines(&self.line, theme);
        lines.push(plans_line(&self.line, &self.plans, theme));
        frame.render_widget(Paragraph::new(lines), header);
        let [judged, accounts] =
            Layout::horizontal([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(boxes);
        judgements_box(&self.line, frame, judged, theme);
        accounts_box(&self.line.accounts, frame, accounts, theme);
        let row = |at: usize| {
            let s = &self.settings[at];
            vec![
                Line::from(s.setting.value.name.clone()),
                Line::from(s.provider_name.clone()),
                Line::from(s.setting.value.kind.short()),
                Line::from(theme.judgement(s.judgement, false)),
                figure(s.children.to_string()),
                figure(s.weekly_spend.full()),
            ]
        };
        let look = TableLook {
            columns: SETTING_COLUMNS,
            title: Line::from(format!(
                " Settings of its providers and the groups beneath it ({}) · Tab: providers ",
                self.settings.len()
            )),
            focused: true,
            sort: None,
            empty: "No provider in this group yet: m adds one.",
            cursor: None,
        };
        if self.showing_members {
            let row = |at: usize| {
                let (_, provider, group) = &self.members[at];
                vec![Line::from(provider.clone()), Line::from(group.clone())]
            };
            let title =
                format!(" Its providers and those of the groups beneath it ({}) · Tab: settings ", self.members.len());
            let look = TableLook {
                columns: MEMBER_COLUMNS,
                title: Line::from(title),
                focused: true,
                sort: None,
                empty: "No provider in this group yet: m adds one.",
                cursor: None,
            };
            return self.member_view.render(frame, table, self.members.len(), row, look, theme);
        }
        self.view.render(frame, table, self.settings.len(), row, look, theme);
    }

    fn load(&self) -> Option<super::reader::Load> {
        let id = self.id;
        Some(Box::new(move |store| Ok(super::reader::Loaded::from(Box::new(GroupData::read(store, id)?)))))
    }

    fn loaded(&mut self, data: super::reader::Loaded) -> Result<(), super::loaded::Mismatch> {
        let data: Box<GroupData> = data.into_kind()?;
        let GroupData { line, all, members, settings, plans } = *data;
        (self.line, self.all, self.members, self.settings, self.plans) = (line, all, members, settings, plans);
        self.member_view.clamp(self.members.len());
        self.view.clamp(self.settings.len());
        Ok(())
    }
}

/// What the group screen shows, read on any connection.
pub struct GroupData {
    line: GroupLine,
    all: Vec<GroupLine>,
    members: Vec<(Stored<Membership>, String, String)>,
    settings: Vec<SettingSummary>,
    plans: Vec<Stored<Plan>>,
}

impl GroupData {
    fn read(store: &Store, id: i64) -> Result<GroupData, StoreError> {
        let today = store.today();
        let groups = store.groups(today)?;
        let Some(line) = groups.lines.iter().find(|l| l.group.id == id).cloned() else {
            return Err(StoreError::NotFound(format!("group #{id}")));
        };
        // Its own members, and those of every group whose owners include it.
        let under: Vec<&GroupLine> =
            groups.lines.iter().filter(|l| l.group.id == id || l.owners.contains(&line.group.value.name)).collect();
        let providers: Vec<i64> = under.iter().flat_map(|l| l.members.iter().map(|m| m.0)).collect();
        let ids: Vec<i64> = under.iter().map(|l| l.group.id).collect();
        let named =
            |id: i64| under.iter().find(|l| l.group.id == id).map(|l| l.group.value.name.clone()).unwrap_or_default();
        let provider_names = store.provider_names()?;
        let mut members: Vec<(Stored<Membership>, String, String)> = store
            .memberships_in(&ids)?
            .into_iter()
            .map(|m| {
                let provider = provider_names.get(&m.value.provider_id).cloned().unwrap_or_default();
                let group = named(m.value.group_id);
                (m, provider, group)
            })
            .collect();
        members.sort_by_key(|m| m.1.to_lowercase());
        let mut settings: Vec<SettingSummary> = store
            .settings_of_providers(today, &providers)?
            .into_iter()
            .filter(|s| s.setting.value.archived_on.is_none())
            .collect();
        // The worst judged first, then by name.
        settings.sort_by_key(|s| (std::cmp::Reverse(s.judgement.map(|j| j.severity())), s.setting.value.name.clone()));
        let plans = store.group_plans(id)?;
        Ok(GroupData { line, all: groups.lines, members, settings, plans })
    }
}

fn header_lines(l: &GroupLine, theme: &Theme) -> Vec<Line<'static>> {
    let g = &l.group.value;
    let r = &l.rollup;
    let owned = match (l.owners.first(), l.owners.last()) {
        (Some(near), Some(top)) if near == top => format!("Owned by {near}, the ultimate owner"),
        (Some(near), Some(top)) => format!("Owned by {near}; ultimately {top}"),
        _ => "The ultimate owner: no group above it".into(),
    };
    let number = if g.companies_house.is_empty() {
        "no Companies House number".into()
    } else {
        format!("Companies House {}", g.companies_house)
    };
    let mut watch = Vec::new();
    if g.market_oversight {
        watch.push(Span::styled(" ⚑ under market oversight ", theme.key()));
    }
    if let Some(on) = g.warning_on {
        watch.push(Span::styled(format!(" ⚠ warning of failure {on}: {} ", g.warning), theme.error()));
    }
    if r.concern() {
        watch.push(Span::styled(
            format!(" ▲ group concern: {} settings short of Good ", r.short_of_good()),
            theme.severity(Severity::RequiresImprovement),
        ));
    }
    if watch.is_empty() {
        watch.push(Span::styled(" no warning, not under market oversight", theme.dim()));
    }
    vec![
        Line::from(vec![
            Span::styled(format!(" {}", g.name), theme.title()),
            Span::raw(format!(" · {} · {number}", g.owner_kind.label())),
        ]),
        Line::from(format!(" {owned}")),
        Line::from(format!(
            " {} · {} · {} placed ({} of ours) · {} a week ({} of our spend)",
            plural(r.providers as usize, "provider", "providers"),
            plural(r.settings as usize, "setting", "settings"),
            plural(r.children as usize, "child", "children"),
            share(r.share_of_children),
            r.weekly.full(),
            share(r.share_of_spend)
        )),
        Line::from(watch),
    ]
}

/// Its latest group plan, or a group concern still without one.
fn plans_line(l: &GroupLine, plans: &[Stored<Plan>], theme: &Theme) -> Line<'static> {
    match plans.first().map(|p| &p.value) {
        Some(p) => Line::from(vec![
            Span::styled(" Group plan: ", theme.title()),
            Span::raw(format!(
                "{} since {}, due back {}{} · \"{}\"",
                p.status.label(),
                p.status_on,
                p.due_back,
                match plans.len() {
                    1 => String::new(),
                    n => format!(" ({} before it)", plural(n - 1, "plan", "plans")),
                },
                p.title,
            )),
        ]),
        None if l.rollup.concern() => {
            Line::styled(" No group plan yet: p requests one from a provider of the group", theme.error())
        }
        None => Line::styled(" No group plan: one answers a group concern", theme.dim()),
    }
}

/// Its settings by judgement, as bars.
fn judgements_box(l: &GroupLine, frame: &mut Frame, area: Rect, theme: &Theme) {
    let r = &l.rollup;
    let max = r.by_judgement.iter().copied().max().unwrap_or(0).max(1);
    let room = usize::from(area.width.saturating_sub(24));
    let rows = [
        ("★ Outstanding", Some(Severity::Outstanding)),
        ("● Good", Some(Severity::Good)),
        ("▲ RI", Some(Severity::RequiresImprovement)),
        ("✖ Inadequate", Some(Severity::Inadequate)),
        ("– not judged", None),
    ];
    let lines: Vec<Line> = rows
        .iter()
        .zip(r.by_judgement)
        .map(|((label, severity), n)| {
            let style = severity.map_or(theme.dim(), |s| theme.severity(s));
            let bar = "█".repeat((n as usize * room).div_ceil(max as usize).min(room));
            Line::from(vec![
                Span::styled(format!("{label:<14}"), style),
                Span::styled(bar, style),
                Span::raw(format!(" {n}")),
            ])
        })
        .collect();
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.dim())
        .title(Span::styled(" Its settings' judgements together ", theme.title()));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Its accounts, the latest first: a loss or net liabilities in red.
fn accounts_box(accounts: &[crate::store::Stored<Accounts>], frame: &mut Frame, area: Rect, theme: &Theme) {
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.dim())
        .title(Span::styled(" Financial watch: accounts (A adds a year) ", theme.title()));
    let money = |n: i64| {
        let text = format!("{:>14}", pounds(n));
        if n < 0 { Span::styled(text, theme.error()) } else { Span::raw(text) }
    };
    let mut lines = vec![Line::styled(
        format!(" {:<10} {:>14} {:>14} {:>14}", "Year end", "Turnover", "Profit", "Net assets"),
        theme.dim(),
    )];
    lines.extend(accounts.iter().map(|a| {
        let a = &a.value;
        Line::from(vec![
            Span::raw(format!(" {} ", a.period_end)),
            money(a.turnover),
            Span::raw(" "),
            money(a.profit),
            Span::raw(" "),
            money(a.net_assets),
        ])
    }));
    if accounts.is_empty() {
        lines.push(Line::styled(" No accounts recorded.", theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
