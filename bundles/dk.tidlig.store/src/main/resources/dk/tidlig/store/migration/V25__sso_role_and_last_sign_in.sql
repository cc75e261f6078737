-- SPDX-FileCopyrightText: 2026 The tidlig contributors
-- SPDX-License-Identifier: EUPL-1.2
-- An SSO user's role as the provider gave it at the last sign-in, and when: a team lead can assign cases to the
-- municipality's outreach workers who sign in through the SSO as well as to local ones (issue #11).
ALTER TABLE sso_identity
  ADD COLUMN role      VARCHAR(32)  NULL,
  ADD COLUMN last_seen TIMESTAMP(3) NULL,
  ADD KEY sso_identity_by_tenant_role (tenant, role, last_seen);
