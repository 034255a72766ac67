DROP TABLE project_reports;
DROP TABLE projects;
