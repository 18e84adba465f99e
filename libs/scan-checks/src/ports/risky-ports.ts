import type { Severity } from '../finding';

/**
 * How an open port is confirmed: services that speak first (ssh, ftp, telnet, vnc), a harmless opening message
 * (rdp, dicom), or nothing by default (hl7: an MLLP test message is sent only when the scan asks for it).
 */
export type Confirmation = 'ssh' | 'ftp' | 'telnet' | 'vnc' | 'rdp' | 'dicom' | 'hl7' | 'none';

export interface RiskyPort {
  port: number;
  service: string;
  checkId: string;
  severity: Severity;
  confirm: Confirmation;
  remediation: string;
}

/**
 * Services that should never face the internet from a health establishment. The default list; an operator may
 * replace it. Severities follow the scan research notes (remote access and health protocols are critical).
 */
export const RISKY_PORTS: RiskyPort[] = [
  {
    port: 3389,
    service: 'Bureau à distance (RDP)',
    checkId: 'ports.rdp',
    severity: 'critical',
    confirm: 'rdp',
    remediation:
      'Fermer le port 3389 sur Internet ; publier le bureau à distance derrière un VPN ou une passerelle avec authentification multifacteur.',
  },
  {
    port: 5900,
    service: 'Prise de main à distance (VNC)',
    checkId: 'ports.vnc',
    severity: 'critical',
    confirm: 'vnc',
    remediation: 'Fermer VNC sur Internet ; passer par un accès distant authentifié (VPN avec MFA).',
  },
  {
    port: 445,
    service: 'Partage de fichiers Windows (SMB)',
    checkId: 'ports.smb',
    severity: 'critical',
    confirm: 'none',
    remediation: 'Bloquer SMB (445, 139) en entrée au pare-feu périmétrique.',
  },
  {
    port: 23,
    service: 'Telnet',
    checkId: 'ports.telnet',
    severity: 'critical',
    confirm: 'telnet',
    remediation: 'Désactiver Telnet et administrer les équipements en SSH depuis le réseau d’administration.',
  },
  {
    port: 21,
    service: 'Transfert de fichiers (FTP)',
    checkId: 'ports.ftp',
    severity: 'high',
    confirm: 'ftp',
    remediation: 'Remplacer FTP par SFTP ou HTTPS et le retirer de l’exposition Internet.',
  },
  {
    port: 22,
    service: 'Administration SSH',
    checkId: 'ports.ssh',
    severity: 'medium',
    confirm: 'ssh',
    remediation:
      'Restreindre SSH aux adresses d’administration ou le placer derrière le VPN ; authentification par clé uniquement.',
  },
  {
    port: 1433,
    service: 'Base de données SQL Server',
    checkId: 'ports.database',
    severity: 'critical',
    confirm: 'none',
    remediation: 'Ne jamais exposer une base de données : la limiter au réseau applicatif.',
  },
  {
    port: 3306,
    service: 'Base de données MySQL',
    checkId: 'ports.database',
    severity: 'critical',
    confirm: 'none',
    remediation: 'Ne jamais exposer une base de données : la limiter au réseau applicatif.',
  },
  {
    port: 5432,
    service: 'Base de données PostgreSQL',
    checkId: 'ports.database',
    severity: 'critical',
    confirm: 'none',
    remediation: 'Ne jamais exposer une base de données : la limiter au réseau applicatif.',
  },
  {
    port: 104,
    service: 'DICOM (imagerie médicale)',
    checkId: 'ports.dicom',
    severity: 'critical',
    confirm: 'dicom',
    remediation:
      'Retirer le PACS d’Internet ; échanger les images par une passerelle authentifiée et chiffrée.',
  },
  {
    port: 11112,
    service: 'DICOM (imagerie médicale)',
    checkId: 'ports.dicom',
    severity: 'critical',
    confirm: 'dicom',
    remediation:
      'Retirer le PACS d’Internet ; échanger les images par une passerelle authentifiée et chiffrée.',
  },
  {
    // Orthanc's default DICOM port.
    port: 4242,
    service: 'DICOM (imagerie médicale)',
    checkId: 'ports.dicom',
    severity: 'critical',
    confirm: 'dicom',
    remediation:
      'Retirer le PACS d’Internet ; échanger les images par une passerelle authentifiée et chiffrée.',
  },
  {
    port: 2575,
    service: 'HL7 MLLP (messages de soins)',
    checkId: 'ports.hl7',
    severity: 'critical',
    confirm: 'hl7',
    remediation: 'Retirer les flux HL7 d’Internet ; les faire transiter par un VPN ou un EAI dans une DMZ.',
  },
  {
    port: 6661,
    service: 'HL7 MLLP (messages de soins)',
    checkId: 'ports.hl7',
    severity: 'critical',
    confirm: 'hl7',
    remediation: 'Retirer les flux HL7 d’Internet ; les faire transiter par un VPN ou un EAI dans une DMZ.',
  },
  {
    port: 5985,
    service: 'Administration Windows (WinRM)',
    checkId: 'ports.winrm',
    severity: 'high',
    confirm: 'none',
    remediation: 'Restreindre WinRM au réseau d’administration.',
  },
  {
    port: 389,
    service: 'Annuaire (LDAP)',
    checkId: 'ports.ldap',
    severity: 'high',
    confirm: 'none',
    remediation: 'Ne pas exposer l’annuaire ; limiter LDAP au réseau interne.',
  },
];
